package dev.csvtest.function.s3;

import java.util.Objects;

/** What one GetObject call produced. Failures are values, not exceptions, so callers must handle them. */
public sealed interface FetchResult {

    /** S3 answered 200 with an object small enough to return from Lambda. */
    record Fetched(CsvObject object) implements FetchResult {
        public Fetched {
            Objects.requireNonNull(object, "object");
        }
    }

    /** S3 answered 304 to our {@code If-None-Match}: the cached copy is still current. */
    record NotModified() implements FetchResult {
    }

    /** The object is too large for a Lambda response; its body was not read. */
    record TooLarge(long sizeBytes) implements FetchResult {
    }

    record Failed(UpstreamFailure failure) implements FetchResult {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }
}
