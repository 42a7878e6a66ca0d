package dev.csvtest.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Collects the stack's log lines (and echoes them, so a failing test shows them). */
public final class LogCapture implements Consumer<String> {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void accept(String line) {
        lines.add(line);
        System.out.println(line);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * The lines containing {@code fragment}, waiting up to 5 s for at least one: the request log line is written after
     * the response has been sent, so a client can see the response a moment before its line.
     */
    public List<String> matching(String fragment) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> found;
        while ((found = lines.stream().filter(l -> l.contains(fragment)).toList()).isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return found;
    }
}
