package dev.csvtest.function.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.csvtest.function.s3.client.CredentialsUnavailableException;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * Why reading the object from S3 failed, classified once so the HTTP mapping can switch over it exhaustively.
 *
 * <p>Each case carries what an operator needs in the log line: S3's status, error code and request id where
 * S3 answered, or the client-side reason where it did not.
 */
public sealed interface UpstreamFailure {

    /** A short description for the log; may contain anything S3 or the network said, so sanitise before logging. */
    String detail();

    /** S3 answered 404 (NoSuchKey, NoSuchBucket). */
    record Missing(String s3Code, String s3RequestId, String detail) implements UpstreamFailure {
    }

    /**
     * S3 answered 403. Without {@code s3:ListBucket} S3 also reports a missing key as 403, so with the
     * least-privilege policy this includes "missing".
     */
    record Denied(String s3Code, String s3RequestId, String detail) implements UpstreamFailure {
    }

    /** S3 answered 503 SlowDown or another throttling error, after the SDK's own retries. */
    record Throttled(String s3Code, String s3RequestId, String detail) implements UpstreamFailure {
    }

    /** S3 answered with some other error status. */
    record ServiceError(int status, String s3Code, String s3RequestId, String detail) implements UpstreamFailure {
    }

    /**
     * S3 answered 200 but the body ended before its {@code Content-Length} (connection closed or reset mid-body).
     * Never served: a cut CSV would look valid to the caller.
     */
    record Incomplete(long expectedBytes, long receivedBytes, String detail) implements UpstreamFailure {
    }

    /** The call did not finish within its time budget (docs/latency.md) or before the invocation's deadline. */
    record TimedOut(String detail) implements UpstreamFailure {
    }

    /** No answer could be had from S3 at all: connection refused or reset, unknown host. */
    record Unreachable(String detail) implements UpstreamFailure {
    }

    /**
     * The function has no AWS credentials to sign with (none in its environment, and the SDK's default chain found
     * none): a deployment error. Nothing was sent to S3.
     */
    record CredentialsUnavailable(String detail) implements UpstreamFailure {
    }

    /** Anything else: a bug or an unforeseen SDK condition. */
    record Unexpected(Throwable cause, String detail) implements UpstreamFailure {
        public Unexpected {
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** Classifies an exception thrown by an S3 call. Never called for a 304, which is not a failure. */
    static UpstreamFailure classify(Throwable thrown) {
        var t = unwrap(thrown);
        if (t instanceof AwsServiceException e) {
            var details = e.awsErrorDetails();
            var code = details == null ? null : details.errorCode();
            var message = String.valueOf(e.getMessage());
            return switch (e.statusCode()) {
                case 404 -> new Missing(code, e.requestId(), message);
                case 403 -> new Denied(code, e.requestId(), message);
                case 429, 503 -> new Throttled(code, e.requestId(), message);
                default -> e.isThrottlingException()
                        ? new Throttled(code, e.requestId(), message)
                        : new ServiceError(e.statusCode(), code, e.requestId(), message);
            };
        }
        for (var c = t; c != null; c = c.getCause()) {
            if (c instanceof CredentialsUnavailableException) {
                return new CredentialsUnavailable(String.valueOf(c.getMessage()));
            }
        }
        if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
            return new TimedOut(String.valueOf(t.getMessage()));
        }
        for (var c = t; c != null; c = c.getCause()) {
            if (c instanceof SocketTimeoutException || c instanceof HttpTimeoutException) {
                return new TimedOut(describe(c));
            }
            if (c instanceof InterruptedIOException || c instanceof InterruptedException) {
                // Our own deadline cancelled the call; the caller has already answered 504.
                return new TimedOut("interrupted at the deadline: " + describe(c));
            }
        }
        for (var c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return new Unreachable(describe(c));
            }
        }
        return new Unexpected(t, describe(t));
    }

    private static Throwable unwrap(Throwable t) {
        var current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
