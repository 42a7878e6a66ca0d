package dev.csvtest.function.cache;

import java.util.Objects;
import java.util.Optional;

import dev.csvtest.function.s3.CsvObject;
import dev.csvtest.function.s3.S3Call;
import dev.csvtest.function.s3.UpstreamFailure;

/**
 * The object for one request, from the cache or from S3, or why there is none; each case also says how the cache
 * took part and which S3 call, if any, was made, which is what the request's log line reports.
 */
public sealed interface LoadResult {

    CacheOutcome cache();

    /** The GetObject made for this request; empty on a cache hit (or when none could be sent). */
    Optional<S3Call> s3Call();

    record Ready(CsvObject object, CacheOutcome cache, Optional<S3Call> s3Call) implements LoadResult {
        public Ready {
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(cache, "cache");
            Objects.requireNonNull(s3Call, "s3Call");
        }
    }

    /** The object exceeds what a Lambda response can carry. */
    record TooLarge(long sizeBytes, CacheOutcome cache, Optional<S3Call> s3Call) implements LoadResult {
        public TooLarge {
            Objects.requireNonNull(cache, "cache");
            Objects.requireNonNull(s3Call, "s3Call");
        }
    }

    record Failed(UpstreamFailure failure, CacheOutcome cache, Optional<S3Call> s3Call) implements LoadResult {
        public Failed {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(cache, "cache");
            Objects.requireNonNull(s3Call, "s3Call");
        }
    }
}
