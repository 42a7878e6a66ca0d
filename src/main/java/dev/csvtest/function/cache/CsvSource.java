package dev.csvtest.function.cache;

import java.util.Objects;

import dev.csvtest.function.observe.CacheOutcome;
import dev.csvtest.function.observe.RequestTrace;
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

    public LoadResult load(Deadline deadline) {
        return load(deadline, new RequestTrace());
    }

    /** As {@link #load(Deadline)}, recording the cache outcome and any S3 call in {@code trace}. */
    public LoadResult load(Deadline deadline, RequestTrace trace) {
        return switch (cache.lookup()) {
            case Lookup.Fresh fresh -> {
                trace.cache(CacheOutcome.HIT);
                yield new LoadResult.Ready(fresh.object());
            }
            case Lookup.Miss miss -> {
                trace.cache(CacheOutcome.MISS);
                yield fetch(null, deadline, trace);
            }
            case Lookup.Stale stale -> {
                trace.cache(CacheOutcome.REVALIDATED);
                yield fetch(stale.object(), deadline, trace);
            }
        };
    }

    private LoadResult fetch(CsvObject cached, Deadline deadline, RequestTrace trace) {
        var settled = false;
        try {
            var result = fetcher.fetch(cached == null || cached.etag().isEmpty() ? null : cached.etag(), deadline, trace);
            LoadResult loaded = switch (result) {
                case FetchResult.Fetched fetched -> {
                    cache.stored(fetched.object());
                    yield new LoadResult.Ready(fetched.object());
                }
                case FetchResult.NotModified notModified -> {
                    if (cached == null) {
                        // Cannot happen (no If-None-Match without a copy), but never answer 200 without a body.
                        throw new IllegalStateException("S3 answered 304 to an unconditional GET");
                    }
                    cache.confirmed();
                    yield new LoadResult.Ready(cached);
                }
                case FetchResult.TooLarge tooLarge -> {
                    cache.clear();
                    yield new LoadResult.TooLarge(tooLarge.sizeBytes());
                }
                case FetchResult.Failed failed -> new LoadResult.Failed(failed.failure());
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
