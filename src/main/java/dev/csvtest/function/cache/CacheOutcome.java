package dev.csvtest.function.cache;

/** How the cache took part in one request. */
public enum CacheOutcome {
    /** Served from the environment's copy without calling S3. */
    HIT,
    /** A conditional GET ({@code If-None-Match}) was sent: S3 answered 304 (unchanged), 200 (replaced) or failed. */
    REVALIDATED,
    /** No copy was held: an unconditional GET was sent. */
    MISS;

    /** The value written in the log line and used in metric names. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
