package dev.csvtest.function.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.csvtest.function.s3.CsvObject;

/**
 * The per-environment copy of the object: bytes (as text) and ETag, and when S3 last confirmed them.
 *
 * <p>Revalidation is due once {@code interval} has passed since the last confirmation (S3 allows about 5,500
 * GET/s per prefix, so thousands of environments revalidating on every request would be throttled). Only one
 * request at a time revalidates; concurrent requests meanwhile serve the current copy, which is at most one
 * interval old. With an interval of zero every request revalidates. On Lambda an environment serves one request
 * at a time anyway; the claim matters for the local stack and for tests that share a handler between threads.
 *
 * <p>The clock is passed in so tests can step over the interval instead of sleeping through it.
 */
public final class ObjectCache {

    private final Clock clock;
    private final Duration interval;
    private final long maxBytes;

    // Guarded by this. Every method is short and never blocks on I/O, so a monitor is fine on virtual threads.
    private CsvObject current;
    private Instant validatedAt = Instant.MIN;
    private boolean revalidating;
    private boolean forced;

    /**
     * @param interval minimum time between conditional GETs
     * @param maxBytes objects larger than this are served but not kept
     */
    public ObjectCache(Clock clock, Duration interval, long maxBytes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.maxBytes = maxBytes;
    }

    synchronized Lookup lookup() {
        if (current == null) {
            return new Lookup.Miss();
        }
        if (!forced && clock.instant().isBefore(validatedAt.plus(interval))) {
            return new Lookup.Fresh(current);
        }
        if (revalidating && !interval.isZero()) {
            return new Lookup.Fresh(current);
        }
        revalidating = true;
        return new Lookup.Stale(current);
    }

    /** S3 sent the object (200): keep it if it is small enough, else forget any older copy. */
    synchronized void stored(CsvObject object) {
        current = object.sizeBytes() <= maxBytes ? object : null;
        validated();
    }

    /** S3 confirmed the cached copy (304). */
    synchronized void confirmed() {
        validated();
    }

    /** The object can no longer be served from here (it grew too large). */
    synchronized void clear() {
        current = null;
        revalidating = false;
    }

    /** A revalidation failed: keep the copy, and let the next request try again. */
    synchronized void revalidationFailed() {
        revalidating = false;
    }

    /** Makes the next request revalidate regardless of the interval, e.g. after a SnapStart restore. */
    public synchronized void forceRevalidation() {
        forced = true;
    }

    private void validated() {
        validatedAt = clock.instant();
        revalidating = false;
        forced = false;
    }
}
