package dev.csvtest.function.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import dev.csvtest.function.http.Json;
import dev.csvtest.function.observe.RequestTrace;
import dev.csvtest.function.time.Deadline;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads the one configured object with a (conditional) GetObject, bounded in time and in size.
 *
 * <p>The size bound is checked against the response's {@code Content-Length} before the body is read, so an
 * object over Lambda's response limit is never buffered: the connection is aborted and {@link FetchResult.TooLarge}
 * returned. The body read itself is capped at the bound too, in case a server omits the length.
 */
public final class S3ObjectFetcher {

    private final Supplier<S3Client> s3;
    private final String bucket;
    private final String key;
    private final long maxBodyBytes;
    private final ToLongFunction<String> encodedSize;
    /** Bodies up to this many UTF-8 bytes fit after any JSON escaping. */
    private final long maxEncodedSafeBytes;

    /**
     * @param s3           the client; may block until the client is built (it is built in the background at init)
     * @param maxBodyBytes the largest body Lambda can return
     * @param encodedSize  the size a body takes inside Lambda's JSON response, which is what the limit applies to
     */
    public S3ObjectFetcher(Supplier<S3Client> s3, String bucket, String key, long maxBodyBytes, ToLongFunction<String> encodedSize) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.key = Objects.requireNonNull(key, "key");
        if (maxBodyBytes < 0 || maxBodyBytes >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBodyBytes out of range: " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
        this.encodedSize = Objects.requireNonNull(encodedSize, "encodedSize");
        this.maxEncodedSafeBytes = (maxBodyBytes - 2) / Json.MAX_ENCODED_BYTES_PER_UTF8_BYTE;
    }

    /**
     * @param ifNoneMatch the cached copy's ETag for a conditional GET, or null for a plain GET
     * @param deadline    the whole call, retries included, must end by then (the SDK's {@code apiCallTimeout})
     */
    public FetchResult fetch(String ifNoneMatch, Deadline deadline) {
        return fetch(ifNoneMatch, deadline, new RequestTrace());
    }

    /** As {@link #fetch(String, Deadline)}, recording S3's status and the call's latency in {@code trace}. */
    public FetchResult fetch(String ifNoneMatch, Deadline deadline, RequestTrace trace) {
        S3Client client;
        try {
            client = s3.get();
        } catch (RuntimeException e) {
            return new FetchResult.Failed(UpstreamFailure.classify(e));
        }
        // Taken after the client is at hand: on a cold start, waiting for it has used part of the budget.
        Duration timeout = deadline.remaining();
        if (timeout.isZero()) {
            return new FetchResult.Failed(new UpstreamFailure.TimedOut("no time left before the deadline"));
        }
        var request = GetObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .ifNoneMatch(ifNoneMatch)
                .overrideConfiguration(o -> o.apiCallTimeout(timeout))
                .build();
        long start = System.nanoTime();
        try {
            // A transformer (rather than a ResponseInputStream) keeps the body read inside apiCallTimeout.
            var result = client.getObject(request, (response, body) -> {
                Long length = response.contentLength();
                if (length != null && length > maxBodyBytes) {
                    body.abort();
                    return new FetchResult.TooLarge(length);
                }
                byte[] bytes;
                try {
                    bytes = body.readNBytes((int) maxBodyBytes + 1);
                } catch (IOException e) {
                    // The connection broke mid-body. Our own deadline interrupting the read is a timeout, not this.
                    if (Thread.currentThread().isInterrupted() || e instanceof InterruptedIOException) {
                        throw e;
                    }
                    body.abort();
                    return new FetchResult.Failed(new UpstreamFailure.Incomplete(length == null ? -1 : length, -1,
                            "body read failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
                }
                if (bytes.length > maxBodyBytes) {
                    body.abort();
                    return new FetchResult.TooLarge(length != null ? length : bytes.length);
                }
                if (length != null && bytes.length < length) {
                    return new FetchResult.Failed(new UpstreamFailure.Incomplete(length, bytes.length,
                            "body ended after " + bytes.length + " of " + length + " bytes"));
                }
                var text = new String(bytes, StandardCharsets.UTF_8);
                // The scan is skipped when even the worst escaping cannot reach the limit: walking 300 KB one char at a
                // time is measurable on a cold, interpreted first request.
                if (bytes.length > maxEncodedSafeBytes && encodedSize.applyAsLong(text) > maxBodyBytes) {
                    // JSON escaping (quotes, backslashes, control characters) can push a body over the limit.
                    return new FetchResult.TooLarge(bytes.length);
                }
                var etag = response.eTag() == null ? "" : response.eTag();
                return new FetchResult.Fetched(new CsvObject(text, etag, bytes.length));
            });
            trace.s3Call(200, System.nanoTime() - start);
            return result;
        } catch (S3Exception e) {
            trace.s3Call(e.statusCode(), System.nanoTime() - start);
            if (e.statusCode() == 304) {
                // The SDK reports S3's 304 Not Modified as an exception; for us it is the cheap success case.
                return new FetchResult.NotModified();
            }
            return new FetchResult.Failed(UpstreamFailure.classify(e));
        } catch (RuntimeException e) {
            // SdkClientException (network, timeouts) and anything unforeseen; classify() sorts them out.
            trace.s3Call(RequestTrace.NO_RESPONSE, System.nanoTime() - start);
            return new FetchResult.Failed(UpstreamFailure.classify(e));
        }
    }
}
