package dev.csvtest.local.gateway;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * With per-request lines off ({@code --quiet}), one line per burst instead: once the API has been idle for
 * {@link #IDLE_MILLIS}, how many replies it sent since the last summary, by status and cause, e.g.
 * {@code burst summary: 10000 replies in 40.4 s: 200 function answered 200: 3230; 503 integration timeout, invocation in:
 * cold init: 4554; ...}. That is what tells a load test's 500s and 503s apart (function timeout, Lambda throttling,
 * integration timeout while an environment was still initialising) without a log line per request.
 */
final class BurstSummary {

    static final long IDLE_MILLIS = 1000;

    private final Consumer<String> log;
    private final ScheduledExecutorService timer;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong lastActivity = new AtomicLong();
    private final AtomicLong firstStart = new AtomicLong();
    private volatile Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** {@code log} null: no summaries (per-request lines are on). */
    BurstSummary(Consumer<String> log) {
        this.log = log;
        if (log == null) {
            this.timer = null;
            return;
        }
        var executor = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("burst-summary").daemon().factory());
        executor.scheduleWithFixedDelay(this::flushIfIdle, IDLE_MILLIS, IDLE_MILLIS / 4, TimeUnit.MILLISECONDS);
        this.timer = executor;
    }

    void started() {
        if (log == null) {
            return;
        }
        long now = System.nanoTime();
        firstStart.compareAndSet(0, now);
        lastActivity.set(now);
        inFlight.incrementAndGet();
    }

    void finished(String kind) {
        if (log == null) {
            return;
        }
        counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
        lastActivity.set(System.nanoTime());
        inFlight.decrementAndGet();
    }

    private synchronized void flushIfIdle() {
        if (inFlight.get() > 0 || System.nanoTime() - lastActivity.get() < TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)) {
            return;
        }
        flush();
    }

    private synchronized void flush() {
        var now = counts;
        if (now.isEmpty()) {
            return;
        }
        counts = new ConcurrentHashMap<>();
        long start = firstStart.getAndSet(0);
        var sorted = new TreeMap<String, Long>();
        now.forEach((k, v) -> sorted.put(k, v.sum()));
        long total = sorted.values().stream().mapToLong(Long::longValue).sum();
        var line = new StringBuilder("burst summary: ").append(total).append(" replies in ")
                .append(String.format(java.util.Locale.ROOT, "%.1f", (lastActivity.get() - start) / 1e9)).append(" s:");
        sorted.forEach((k, v) -> line.append(' ').append(k).append(": ").append(v).append(';'));
        line.setLength(line.length() - 1);
        log.accept(line.toString());
    }

    void close() {
        if (timer != null) {
            timer.shutdownNow();
            flush();
        }
    }
}
