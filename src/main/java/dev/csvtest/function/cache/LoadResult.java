package dev.csvtest.function.cache;

import java.util.Objects;

import dev.csvtest.function.s3.CsvObject;
import dev.csvtest.function.s3.UpstreamFailure;

/** The object for one request, from the cache or from S3, or why there is none. */
public sealed interface LoadResult {

    record Ready(CsvObject object) implements LoadResult {
        public Ready {
            Objects.requireNonNull(object, "object");
        }
    }

    /** The object exceeds what a Lambda response can carry. */
    record TooLarge(long sizeBytes) implements LoadResult {
    }

    record Failed(UpstreamFailure failure) implements LoadResult {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }
}
