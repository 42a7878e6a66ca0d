package dev.csvtest.testkit;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a fuzz suite counts for its summary line: the cases run, the 5xx answers, and the cases that got no answer
 * in time (a hang). Counting never decides a test: the assertions next to each count do.
 */
public final class FuzzTally {

    private final AtomicInteger cases = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger hangs = new AtomicInteger();
    private final long startNanos = System.nanoTime();

    public void countCase() {
        cases.incrementAndGet();
    }

    public void countServerError() {
        serverErrors.incrementAndGet();
    }

    public void countHang() {
        hangs.incrementAndGet();
    }

    /** {@code <name>: <n> cases, <n> 5xx, <n> <hangs>, <s> s}, e.g. {@code FUZZ: 11000 cases, 0 5xx, 0 hangs, 9.5 s}. */
    public String summary(String name, String hangs) {
        return String.format(Locale.ROOT, "%s: %d cases, %d 5xx, %d %s, %.1f s", name, cases.get(), serverErrors.get(),
                this.hangs.get(), hangs, (System.nanoTime() - startNanos) / 1e9);
    }
}
