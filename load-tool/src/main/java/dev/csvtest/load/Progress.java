package dev.csvtest.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live progress on stderr: completed, in flight and errors, refreshed in place on a terminal (every 200 ms)
 * and printed as one line per second otherwise, so CI logs stay short.
 */
public final class Progress implements AutoCloseable {

    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final PrintStream err;
    private final int total;
    private final boolean terminal;
    private final Thread printer;
    private volatile long origin;
    private volatile boolean running = true;

    /**
     * @param total   requests expected, or 0 when unbounded (closed loop)
     * @param enabled false for a silent counter
     */
    public Progress(PrintStream err, int total, boolean enabled) {
        this.err = err;
        this.total = total;
        this.terminal = isTerminal();
        this.origin = System.nanoTime();
        if (enabled) {
            printer = Thread.ofPlatform().daemon().name("load-progress").start(this::loop);
        } else {
            printer = null;
        }
    }

    public void start(long originNanos) {
        origin = originNanos;
    }

    public void requestStarted() {
        started.incrementAndGet();
    }

    public void requestDone(Outcome outcome) {
        completed.incrementAndGet();
        if (!outcome.ok()) {
            errors.incrementAndGet();
        }
    }

    public int completed() {
        return completed.get();
    }

    public int errors() {
        return errors.get();
    }

    /** The current line, e.g. {@code "completed 10/100  in-flight 90  errors 0  elapsed 1.2s"}. */
    public String line() {
        var done = completed.get();
        var inFlight = started.get() - done;
        var elapsed = (System.nanoTime() - origin) / 1e9;
        return String.format(Locale.ROOT, "completed %d%s  in-flight %d  errors %d  elapsed %.1fs",
                done, total > 0 ? "/" + total : "", inFlight, errors.get(), elapsed);
    }

    private void loop() {
        var period = terminal ? 200 : 1000;
        try {
            while (running) {
                Thread.sleep(period);
                if (!running) {
                    break;
                }
                print();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void print() {
        if (terminal) {
            err.print("\r\033[K" + line());
        } else {
            err.println(line());
        }
        err.flush();
    }

    @Override
    public void close() {
        running = false;
        if (printer != null) {
            printer.interrupt();
            try {
                printer.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            print();
            if (terminal) {
                err.println();
            }
        }
    }

    /** {@code System.console().isTerminal()} where the JDK has it (22+); on 21, a console means a terminal. */
    private static boolean isTerminal() {
        var console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) console.getClass().getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }
}
