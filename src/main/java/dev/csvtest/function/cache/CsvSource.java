package dev.csvtest.function.cache;

import java.util.Objects;
import java.util.Optional;

import dev.csvtest.function.s3.CsvObject;
import dev.csvtest.function.s3.FetchResult;
import dev.csvtest.function.s3.S3ObjectFetcher;
import dev.csvtest.function.time.Deadline;

/**
 * Gives each request the object: straight from the cache while it is fresh, otherwise from S3, with
 * {@code If-None-Match} when a copy is held. Runs on the fetch thread, overlapped with the request's delay.
 */
public final class CsvSource {

    private final S3ObjectFetcher fetcher;
    private final ObjectCache cache;

    public CsvSource(S3ObjectFetcher fetcher, ObjectCache cache) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** @param deadline any S3 call ends by then */
    public LoadResult load(Deadline deadline) {
        return switch (cache.lookup()) {
            case Lookup.Fresh fresh -> new LoadResult.Ready(fresh.object(), CacheOutcome.HIT, Optional.empty());
            case Lookup.Miss miss -> fetch(null, CacheOutcome.MISS, deadline);
            case Lookup.Stale stale -> fetch(stale.object(), CacheOutcome.REVALIDATED, deadline);
        };
    }

    private LoadResult fetch(CsvObject cached, CacheOutcome outcome, Deadline deadline) {
        var settled = false;
        try {
            var result = fetcher.fetch(cached == null || cached.etag().isEmpty() ? null : cached.etag(), deadline);
            LoadResult loaded = switch (result) {
                case FetchResult.Fetched fetched -> {
                    cache.stored(fetched.object());
                    yield new LoadResult.Ready(fetched.object(), outcome, Optional.of(fetched.call()));
                }
                case FetchResult.NotModified notModified -> {
                    if (cached == null) {
                        // Cannot happen (no If-None-Match without a copy), but never answer 200 without a body.
                        throw new IllegalStateException("S3 answered 304 to an unconditional GET");
                    }
                    cache.confirmed();
                    yield new LoadResult.Ready(cached, outcome, Optional.of(notModified.call()));
                }
                case FetchResult.TooLarge tooLarge -> {
                    cache.clear();
                    yield new LoadResult.TooLarge(tooLarge.sizeBytes(), outcome, Optional.of(tooLarge.call()));
                }
                case FetchResult.Failed failed -> new LoadResult.Failed(failed.failure(), outcome, failed.call());
            };
            settled = !(loaded instanceof LoadResult.Failed);
            return loaded;
        } finally {
            if (!settled) {
                cache.revalidationFailed();
            }
        }
    }
}
