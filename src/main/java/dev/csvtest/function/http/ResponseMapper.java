package dev.csvtest.function.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import dev.csvtest.function.json.Json;
import dev.csvtest.function.s3.UpstreamFailure;

/**
 * The one place where outcomes become HTTP responses.
 *
 * <p>Every error is an RFC 9457 {@code application/problem+json} body. Problem bodies never contain the bucket,
 * the key or S3's messages (those are returned as the {@link Mapped#cause()} for the request's log line, with the
 * request id, for the operator); the client gets the request id to quote.
 *
 * <p>Status choices: a client error is always 400; anything S3 said no to, or an S3 we could not reach, is 502
 * (a bad gateway: the fault is upstream, not in our code); S3 throttling is 503 with {@code Retry-After}; running
 * out of time is 504. 500 is the function's own fault: a bug ({@code internal-error}), or a deployment that left it
 * without AWS credentials ({@code credentials-unavailable}): S3 was never asked, so it is not a bad gateway, and no
 * retry by the client can help.
 */
public final class ResponseMapper {

    /** Prefix of our problem {@code type} URIs: identifiers, not links (RFC 9457 §3.1.1 allows non-resolvable URIs). */
    public static final String PROBLEM_TYPE_PREFIX = "urn:csv-test:problem:";
    /**
     * S3 sends no {@code Retry-After} of its own; one second lets the SDK-side backoff of the next caller and
     * S3's request-rate scaling catch up without making a browser user wait long.
     */
    static final String RETRY_AFTER_SECONDS = "1";

    private final Optional<URI> largeObjectRedirect;

    public ResponseMapper(Optional<URI> largeObjectRedirect) {
        this.largeObjectRedirect = Objects.requireNonNull(largeObjectRedirect, "largeObjectRedirect");
    }

    /**
     * A response and what the request's log line should say about it.
     *
     * @param problem the problem type's slug, or null for a success
     * @param cause   for the operator's log only (may quote S3), or null
     */
    public record Mapped(APIGatewayV2HTTPResponse response, String problem, String cause) {
        public Mapped {
            Objects.requireNonNull(response, "response");
        }

        public int status() {
            return response.getStatusCode();
        }
    }

    /** @param requestId the Lambda request id, quoted in problem bodies */
    public Mapped map(Outcome outcome, String requestId) {
        return switch (outcome) {
            case Outcome.Csv csv -> {
                var headers = new LinkedHashMap<String, String>();
                headers.put("Content-Type", "text/csv; charset=utf-8");
                if (!csv.object().etag().isEmpty()) {
                    headers.put("ETag", csv.object().etag());
                }
                // The object is served through a deliberate delay: a browser or proxy cache would hide it.
                headers.put("Cache-Control", "no-store");
                yield new Mapped(response(200, headers, csv.object().body()), null, null);
            }
            case Outcome.InvalidDelay invalid -> new Mapped(problem(400, "invalid-delay", "Invalid delay",
                    invalid.rejection().detail(), requestId, Map.of(), b -> b
                            .put("parameter", "delay")
                            .put("minimum", invalid.rejection().min().toSeconds())
                            .put("maximum", invalid.rejection().max().toSeconds())),
                    "invalid-delay", invalid.rejection().detail());
            case Outcome.LargeObject large -> {
                var cause = "sizeBytes=" + large.sizeBytes()
                        + (largeObjectRedirect.isPresent() ? " redirected" : " no LARGE_OBJECT_REDIRECT_URL configured");
                yield new Mapped(largeObjectRedirect
                        .map(url -> response(303, Map.of("Location", url.toString(), "Cache-Control", "no-store"), ""))
                        .orElseGet(() -> problem(502, "object-too-large", "CSV object too large",
                                "The CSV object is larger than a Lambda response can carry, and no redirect is configured.",
                                requestId, Map.of(), b -> b.put("sizeBytes", large.sizeBytes()))),
                        "object-too-large", cause);
            }
            case Outcome.Upstream upstream -> upstream(upstream.failure(), requestId);
            case Outcome.DeadlineExceeded deadline -> new Mapped(
                    problem(504, "deadline-exceeded", "Deadline exceeded", deadline.detail(), requestId, Map.of(), b -> b),
                    "deadline-exceeded", deadline.detail());
            case Outcome.Unexpected unexpected -> new Mapped(problem(500, "internal-error", "Internal error",
                    "The function failed unexpectedly; quote the request id when reporting this.", requestId,
                    Map.of(), b -> b), "internal-error", describe(unexpected.cause()));
        };
    }

    private Mapped upstream(UpstreamFailure failure, String requestId) {
        var problem = switch (failure) {
            case UpstreamFailure.Missing m -> new Problem(502, "object-missing", "CSV object missing",
                    "The CSV object does not exist in storage.", s3(m.s3Code(), m.s3RequestId()));
            case UpstreamFailure.Denied d -> new Problem(502, "object-access-denied", "CSV object not accessible",
                    "Storage refused access to the CSV object (with least-privilege access a missing object looks the same).",
                    s3(d.s3Code(), d.s3RequestId()));
            case UpstreamFailure.ServiceError e -> new Problem(502, "upstream-error", "Storage error",
                    "Storage answered with an error.", "s3Status=" + e.status() + " " + s3(e.s3Code(), e.s3RequestId()));
            case UpstreamFailure.Unreachable u -> new Problem(502, "upstream-unreachable", "Storage unreachable",
                    "Storage could not be reached.", "");
            case UpstreamFailure.Incomplete i -> new Problem(502, "upstream-incomplete", "Storage answer incomplete",
                    "Storage ended its answer before the whole object arrived.", "");
            case UpstreamFailure.Throttled t -> new Problem(503, "upstream-throttled", "Storage busy",
                    "Storage is throttling requests; retry after the indicated time.", s3(t.s3Code(), t.s3RequestId()));
            case UpstreamFailure.TimedOut t -> new Problem(504, "upstream-timeout", "Storage timeout",
                    "Storage did not answer in time.", "");
            case UpstreamFailure.CredentialsUnavailable c -> new Problem(500, "credentials-unavailable",
                    "Storage credentials unavailable",
                    "The function has no credentials for its storage: a deployment error; quote the request id when reporting this.",
                    "");
            case UpstreamFailure.Unexpected u -> new Problem(500, "internal-error", "Internal error",
                    "The function failed unexpectedly; quote the request id when reporting this.", "");
        };
        var headers = problem.status() == 503 ? Map.of("Retry-After", RETRY_AFTER_SECONDS) : Map.<String, String>of();
        return new Mapped(problem(problem.status(), problem.slug(), problem.title(), problem.detail(), requestId, headers, b -> b),
                problem.slug(), (problem.logFields().isEmpty() ? "" : problem.logFields() + " ") + failure.detail());
    }

    /** The exception's class, message and the frame that threw it: enough to find a bug, on one line. */
    private static String describe(Throwable t) {
        var top = t.getStackTrace().length == 0 ? "" : " at " + t.getStackTrace()[0];
        return t.getClass().getName() + ": " + t.getMessage() + top;
    }

    private record Problem(int status, String slug, String title, String detail, String logFields) {
    }

    private static String s3(String code, String s3RequestId) {
        return "s3Code=" + code + " s3RequestId=" + s3RequestId;
    }

    private static APIGatewayV2HTTPResponse problem(int status, String slug, String title, String detail,
            String requestId, Map<String, String> extraHeaders,
            java.util.function.UnaryOperator<Json.JsonObject> extensions) {
        var body = extensions.apply(Json.object()
                .put("type", PROBLEM_TYPE_PREFIX + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("requestId", requestId == null ? "" : requestId));
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", "application/problem+json");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.putAll(extraHeaders);
        return response(status, headers, body.toString());
    }

    private static APIGatewayV2HTTPResponse response(int status, Map<String, String> headers, String body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(new LinkedHashMap<>(headers))
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
