package dev.csvtest.function.http;

import java.util.Objects;

import dev.csvtest.function.delay.ParsedDelay;
import dev.csvtest.function.s3.CsvObject;
import dev.csvtest.function.s3.UpstreamFailure;

/**
 * Everything one invocation can end in. {@link ResponseMapper} turns each case into an HTTP response in a single
 * exhaustive {@code switch}, so adding a case without deciding its status does not compile.
 */
public sealed interface Outcome {

    record Csv(CsvObject object) implements Outcome {
        public Csv {
            Objects.requireNonNull(object, "object");
        }
    }

    record InvalidDelay(ParsedDelay.Rejected rejection) implements Outcome {
        public InvalidDelay {
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    /** The object exceeds Lambda's response limit. */
    record LargeObject(long sizeBytes) implements Outcome {
    }

    record Upstream(UpstreamFailure failure) implements Outcome {
        public Upstream {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** The invocation's own deadline left no time to finish: the delay does not fit, or the fetch was too slow. */
    record DeadlineExceeded(String detail) implements Outcome {
        public DeadlineExceeded {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** A bug or an unforeseen condition in our own code. */
    record Unexpected(Throwable cause) implements Outcome {
        public Unexpected {
            Objects.requireNonNull(cause, "cause");
        }
    }
}
