package dev.csvtest.function.time;

import java.time.Duration;

/**
 * The point in time by which an invocation must have its answer ready, on the monotonic clock.
 *
 * <p>Derived from {@code Context.getRemainingTimeInMillis()} minus a reserve for building and returning the
 * response, so that neither the sleep nor the S3 call can run into Lambda's own timeout.
 */
public record Deadline(long nanoTime) {

    /** A deadline {@code budget} from now; a negative budget gives an already expired deadline. */
    public static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    /** This deadline or {@code budget} from now, whichever comes first. */
    public Deadline atMost(Duration budget) {
        var capped = after(budget);
        return capped.nanoTime - nanoTime < 0 ? capped : this;
    }

    /** A deadline {@code margin} before this one. */
    public Deadline earlier(Duration margin) {
        return new Deadline(nanoTime - margin.toNanos());
    }

    /** Time left, never negative. */
    public Duration remaining() {
        long left = nanoTime - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    public boolean isExpired() {
        return nanoTime - System.nanoTime() <= 0;
    }
}
