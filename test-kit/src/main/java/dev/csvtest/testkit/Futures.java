package dev.csvtest.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Joining the parallel workers of a test so that a worker's failed assertion fails the test as itself. */
public final class Futures {

    private Futures() {
    }

    /** Waits for each future in turn (up to {@code timeout} each) and rethrows a worker's own error or exception. */
    public static void joinAll(List<? extends Future<?>> futures, Duration timeout) throws Exception {
        for (var future : futures) {
            try {
                future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case Error error -> throw error;
                    case Exception cause -> throw cause;
                    default -> throw e;
                }
            }
        }
    }
}
