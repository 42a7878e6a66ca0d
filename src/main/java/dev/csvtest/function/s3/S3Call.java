package dev.csvtest.function.s3;

import java.time.Duration;
import java.util.Objects;

/**
 * One GetObject as the request's log line reports it.
 *
 * @param status  S3's HTTP status, or {@link #NO_RESPONSE} when no HTTP answer came (refused, reset, timed out)
 * @param latency the whole call, retries and backoff included
 */
public record S3Call(int status, Duration latency) {

    public static final int NO_RESPONSE = 0;

    public S3Call {
        Objects.requireNonNull(latency, "latency");
    }

    /** A call that started at {@code startNanos} ({@link System#nanoTime()}) and ended now. */
    static S3Call endedNow(int status, long startNanos) {
        return new S3Call(status, Duration.ofNanos(Math.max(0, System.nanoTime() - startNanos)));
    }
}
