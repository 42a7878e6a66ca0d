package dev.csvtest.local;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Collects the stack's log lines (and echoes them, so a failing test shows them). */
final class LogCapture implements Consumer<String> {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void accept(String line) {
        lines.add(line);
        System.out.println(line);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    List<String> matching(String fragment) {
        return lines.stream().filter(l -> l.contains(fragment)).toList();
    }
}
