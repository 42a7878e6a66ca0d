package dev.csvtest.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** What the fault suites compare before and after many requests, to show nothing was left behind. */
public final class Leaks {

    private Leaks() {
    }

    /**
     * Names of the live platform threads, except the embedded S3 server's own (its Jetty pool grows with concurrent
     * requests and shrinks on its idle timeout): those belong to the test's S3, not to the code under test.
     */
    public static List<String> threadsOutsideS3() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> !name.startsWith("S3Proxy-Jetty") && !name.startsWith("Scheduler-"))
                .sorted().toList();
    }

    /** The threads that exist now and did not in {@code before}, for the failure message. */
    public static List<String> newThreadsSince(List<String> before) {
        var now = new ArrayList<>(threadsOutsideS3());
        before.forEach(now::remove);
        return now;
    }

    /** Polls until the condition holds or the timeout passes; the caller asserts afterwards. */
    public static void awaitTrue(Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
