package dev.csvtest.function.s3;

import java.util.Objects;
import java.util.Optional;

/**
 * What one GetObject call produced, with the call itself for the log line. Failures are values, not exceptions, so
 * callers must handle them.
 */
public sealed interface FetchResult {

    /** S3 answered 200 with an object small enough to return from Lambda. */
    record Fetched(CsvObject object, S3Call call) implements FetchResult {
        public Fetched {
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(call, "call");
        }
    }

    /** S3 answered 304 to our {@code If-None-Match}: the cached copy is still current. */
    record NotModified(S3Call call) implements FetchResult {
        public NotModified {
            Objects.requireNonNull(call, "call");
        }
    }

    /** The object is too large for a Lambda response; its body was not read. */
    record TooLarge(long sizeBytes, S3Call call) implements FetchResult {
        public TooLarge {
            Objects.requireNonNull(call, "call");
        }
    }

    /** @param call the GetObject that failed, or empty when none was sent (no client, no time left) */
    record Failed(UpstreamFailure failure, Optional<S3Call> call) implements FetchResult {
        public Failed {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(call, "call");
        }
    }
}
