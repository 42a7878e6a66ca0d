package dev.csvtest.function.cache;

import java.util.Objects;

import dev.csvtest.function.s3.CsvObject;

/** What the cache holds for one request. */
sealed interface Lookup {

    /** Nothing cached: a full GET is needed. */
    record Miss() implements Lookup {
    }

    /** Validated within the interval (or a revalidation is already under way): serve it, no S3 call. */
    record Fresh(CsvObject object) implements Lookup {
        public Fresh {
            Objects.requireNonNull(object, "object");
        }
    }

    /** Due for a conditional GET; this request has claimed the revalidation. */
    record Stale(CsvObject object) implements Lookup {
        public Stale {
            Objects.requireNonNull(object, "object");
        }
    }
}
