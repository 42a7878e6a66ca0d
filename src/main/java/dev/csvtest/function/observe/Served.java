package dev.csvtest.function.observe;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import dev.csvtest.function.cache.CacheOutcome;
import dev.csvtest.function.cache.LoadResult;
import dev.csvtest.function.http.Outcome;
import dev.csvtest.function.s3.S3Call;

/**
 * What serving one request produced: its outcome, and how it came about as far as the log line reports it. Built from
 * the results of the steps (the parsed delay, the {@link LoadResult}), never collected on the side.
 *
 * @param delay  the accepted delay; empty when it was rejected
 * @param cache  how the cache took part; empty when the request never reached it
 * @param s3Call the GetObject made for this request, if any
 */
public record Served(Outcome outcome, Optional<Duration> delay, Optional<CacheOutcome> cache, Optional<S3Call> s3Call) {

    public Served {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(s3Call, "s3Call");
    }

    /** Ended before any delay was accepted: a rejected delay, or a failure while reading it. */
    public static Served before(Outcome outcome) {
        return new Served(outcome, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Ended after the delay was accepted, without a load result (it does not fit, or the load did not finish). */
    public static Served after(Duration delay, Outcome outcome) {
        return new Served(outcome, Optional.of(delay), Optional.empty(), Optional.empty());
    }

    /** Ended with the load's result. */
    public static Served loaded(Duration delay, LoadResult load, Outcome outcome) {
        return new Served(outcome, Optional.of(delay), Optional.of(load.cache()), load.s3Call());
    }

    /** Whether S3, or reaching it, failed this request (the {@code UpstreamError} metric). */
    public boolean upstreamError() {
        return outcome instanceof Outcome.Upstream;
    }
}
