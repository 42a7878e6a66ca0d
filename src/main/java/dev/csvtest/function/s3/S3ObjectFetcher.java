package dev.csvtest.function.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import dev.csvtest.function.s3.client.S3Timeouts;
import dev.csvtest.function.time.Deadline;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads the one configured object with a (conditional) GetObject, bounded in time and in size.
 *
 * <p>Time: each call gets at most {@link S3Timeouts#call()} from the start of the fetch (waiting for the client on a
 * cold start included), each HTTP attempt at most {@link S3Timeouts#attempt()}, and neither runs past the deadline
 * it is given. So an S3 that accepts connections but never answers costs a request a few seconds, not the whole
 * invocation; the sizes and the trade-off are in docs/latency.md.
 *
 * <p>Size: the {@link BodyLimit} is checked against the response's {@code Content-Length} before the body is read,
 * so an object over Lambda's response limit is never buffered: the connection is aborted and
 * {@link FetchResult.TooLarge} returned. The body read itself is capped at the limit too, in case a server omits the
 * length.
 */
public final class S3ObjectFetcher {

    /**
     * The function's S3 budget, sized in docs/latency.md ("S3 time budget") from measurements: a healthy 300 KB GET
     * takes milliseconds (p99 well under 100 ms), a slow but working S3 may add 2 s, and a cold first request adds the
     * SDK's request path; so one attempt may take 4 s. The call stops at 5 s from the start of the fetch, so a hanging
     * S3 is a 504 about 5 s after the request began (a {@code delay=0} request answers within 6 s), and a second
     * attempt on a new connection gets the last second, ample for a healthy S3.
     */
    public static final S3Timeouts TIMEOUTS = new S3Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(4),
            Duration.ofSeconds(4), Duration.ofSeconds(5));

    private final Supplier<S3Client> s3;
    private final String bucket;
    private final String key;
    private final BodyLimit limit;
    private final S3Timeouts timeouts;

    /**
     * @param s3       the client; may block until the client is built (it is built in the background at init)
     * @param limit    the largest body the caller can return
     * @param timeouts the per-call and per-attempt budgets applied to every GetObject
     */
    public S3ObjectFetcher(Supplier<S3Client> s3, String bucket, String key, BodyLimit limit, S3Timeouts timeouts) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.key = Objects.requireNonNull(key, "key");
        this.limit = Objects.requireNonNull(limit, "limit");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    }

    /**
     * @param ifNoneMatch the cached copy's ETag for a conditional GET, or null for a plain GET
     * @param deadline    the whole call, retries included, ends by then at the latest
     */
    public FetchResult fetch(String ifNoneMatch, Deadline deadline) {
        // Started before waiting for the client: on a cold start that wait is part of the budget.
        var budget = deadline.atMost(timeouts.call());
        S3Client client;
        try {
            client = s3.get();
        } catch (RuntimeException e) {
            return new FetchResult.Failed(UpstreamFailure.classify(e), Optional.empty());
        }
        Duration callTimeout = budget.remaining();
        if (callTimeout.isZero()) {
            return new FetchResult.Failed(new UpstreamFailure.TimedOut("no time left before the deadline"), Optional.empty());
        }
        Duration attemptTimeout = callTimeout.compareTo(timeouts.attempt()) < 0 ? callTimeout : timeouts.attempt();
        var request = GetObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .ifNoneMatch(ifNoneMatch)
                .overrideConfiguration(o -> o.apiCallTimeout(callTimeout).apiCallAttemptTimeout(attemptTimeout))
                .build();
        long start = System.nanoTime();
        try {
            // A transformer (rather than a ResponseInputStream) keeps the body read inside the call's timeouts.
            return client.getObject(request, (response, body) -> {
                Long length = response.contentLength();
                if (length != null && length > limit.maxBytes()) {
                    body.abort();
                    return new FetchResult.TooLarge(length, S3Call.endedNow(200, start));
                }
                byte[] bytes;
                try {
                    bytes = body.readNBytes((int) limit.maxBytes() + 1);
                } catch (IOException e) {
                    // The connection broke mid-body. A timeout interrupting the read is a timeout, not this.
                    if (Thread.currentThread().isInterrupted() || e instanceof InterruptedIOException) {
                        throw e;
                    }
                    body.abort();
                    return new FetchResult.Failed(new UpstreamFailure.Incomplete(length == null ? -1 : length, -1,
                            "body read failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()),
                            Optional.of(S3Call.endedNow(200, start)));
                }
                if (bytes.length > limit.maxBytes()) {
                    body.abort();
                    return new FetchResult.TooLarge(length != null ? length : bytes.length, S3Call.endedNow(200, start));
                }
                if (length != null && bytes.length < length) {
                    return new FetchResult.Failed(new UpstreamFailure.Incomplete(length, bytes.length,
                            "body ended after " + bytes.length + " of " + length + " bytes"),
                            Optional.of(S3Call.endedNow(200, start)));
                }
                var text = new String(bytes, StandardCharsets.UTF_8);
                if (!limit.fits(bytes.length, text)) {
                    // The caller's encoding (JSON escaping in Lambda's response) can push a body over the limit.
                    return new FetchResult.TooLarge(bytes.length, S3Call.endedNow(200, start));
                }
                var etag = response.eTag() == null ? "" : response.eTag();
                return new FetchResult.Fetched(new CsvObject(text, etag, bytes.length), S3Call.endedNow(200, start));
            });
        } catch (S3Exception e) {
            var call = S3Call.endedNow(e.statusCode(), start);
            if (e.statusCode() == 304) {
                // The SDK reports S3's 304 Not Modified as an exception; for us it is the cheap success case.
                return new FetchResult.NotModified(call);
            }
            return new FetchResult.Failed(UpstreamFailure.classify(e), Optional.of(call));
        } catch (RuntimeException e) {
            // SdkClientException (network, timeouts, credentials) and anything unforeseen; classify() sorts them out.
            var failure = UpstreamFailure.classify(e);
            // Without credentials nothing was sent: the log line shows no S3 call rather than a call without answer.
            var call = failure instanceof UpstreamFailure.CredentialsUnavailable
                    ? Optional.<S3Call>empty()
                    : Optional.of(S3Call.endedNow(S3Call.NO_RESPONSE, start));
            return new FetchResult.Failed(failure, call);
        }
    }
}
