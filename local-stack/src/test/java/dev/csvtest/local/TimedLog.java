package dev.csvtest.local;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The stack's log lines with the moment ({@link System#nanoTime()}) each was written; echoed for failing tests. */
final class TimedLog implements Consumer<String> {

    record Line(long nanos, String text) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    @Override
    public void accept(String line) {
        lines.add(new Line(System.nanoTime(), line));
        System.out.println(line);
    }

    List<Line> containing(String fragment) {
        return lines.stream().filter(l -> l.text().contains(fragment)).toList();
    }

    /** Waits until {@code count} lines contain {@code fragment}; returns the last of them. */
    Line await(String fragment, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var found = containing(fragment);
            if (found.size() >= count) {
                return found.get(count - 1);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + count + " lines with '" + fragment + "' within " + timeout + "; log: "
                        + lines.stream().map(Line::text).toList());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
