package dev.csvtest.function.observe;

import java.time.Duration;

/**
 * What one request did, collected while it runs and written as its log line at the end.
 *
 * <p>The load runs on a fetch thread while the request thread sleeps, and a fetch cut off at the deadline may still
 * report after the response is built, so the fields are volatile: a late write is either seen or not, never torn.
 */
public final class RequestTrace {

    /** {@link #s3Status()} when no S3 call was made. */
    public static final int NO_CALL = -1;
    /** {@link #s3Status()} when a call was made but no HTTP status came back (refused, reset, timed out). */
    public static final int NO_RESPONSE = 0;

    private volatile Duration delay;
    private volatile CacheOutcome cache;
    private volatile int s3Status = NO_CALL;
    private volatile long s3LatencyNanos = -1;

    /** The accepted delay; never set for a rejected one. */
    public void delay(Duration accepted) {
        this.delay = accepted;
    }

    /** Null when the delay was rejected. */
    public Duration delay() {
        return delay;
    }

    public void cache(CacheOutcome outcome) {
        this.cache = outcome;
    }

    /** Records the S3 call: its HTTP status (or {@link #NO_RESPONSE}) and how long it took, retries included. */
    public void s3Call(int status, long latencyNanos) {
        this.s3Status = status;
        this.s3LatencyNanos = latencyNanos;
    }

    /** Null when the request never reached the cache (a rejected delay). */
    public CacheOutcome cache() {
        return cache;
    }

    public int s3Status() {
        return s3Status;
    }

    /** Negative when no S3 call finished. */
    public long s3LatencyNanos() {
        return s3LatencyNanos;
    }
}
