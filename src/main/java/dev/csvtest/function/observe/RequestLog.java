package dev.csvtest.function.observe;

import java.time.Duration;
import java.util.Objects;

import dev.csvtest.function.http.Json;

/**
 * The one log line per request: a flat JSON object that is both the structured log entry and a CloudWatch Embedded
 * Metric Format (EMF) document, so one write gives a searchable log and the metrics.
 *
 * <p>Fields: {@code timestamp}, {@code level}, {@code message}, {@code service}, {@code requestId},
 * {@code coldStart}, {@code delayMs} (when the delay was valid), {@code status}, {@code durationMs}, {@code cache}
 * ({@code hit}, {@code revalidated}, {@code miss}; absent when the request never reached the cache),
 * {@code s3Status} ({@code 0} = no HTTP answer; absent without an S3 call), {@code s3LatencyMs}, and for failures
 * {@code problem} (the problem type's slug) and {@code cause} (what S3 or the network said; log only, never in a
 * response).
 *
 * <p>Metrics (namespace {@value #NAMESPACE}, dimension {@code service}): {@code Latency} and {@code S3Latency} in
 * milliseconds; {@code CacheHit}, {@code CacheRevalidated}, {@code CacheMiss}, {@code UpstreamError} and
 * {@code ColdStart} as 0/1 counts, so their Sum is the count and their Average the rate.
 *
 * <p>Why not Powertools: {@code powertools-logging-log4j} and {@code powertools-metrics} 2.9.0 add 6.9 MB of runtime
 * jars (log4j-core, Jackson, commons-lang3, jmespath, aws-embedded-metrics) to an 8.65 MB package whose budget is
 * 10 MB; see docs/security.md. This class writes the same shape with the JSON writer the function already has.
 *
 * <p>Every value goes through {@link Json}, which escapes CR, LF and all control characters, so nothing S3 or a
 * client says can split the line or forge another one.
 */
public final class RequestLog {

    public static final String SERVICE = "csv-test";
    public static final String NAMESPACE = "csv-test";
    /** Longest {@code cause} written; S3 messages are short, anything longer is cut. */
    static final int MAX_CAUSE_CHARS = 500;

    private RequestLog() {
    }

    /**
     * @param epochMillis   when the request ended (EMF {@code Timestamp})
     * @param delay         the accepted delay, or null if it was rejected
     * @param problem       the problem slug, or null for a success
     * @param cause         the operator-facing cause, or null
     * @param upstreamError whether S3 (or reaching it) failed this request
     */
    public record Entry(long epochMillis, String requestId, boolean coldStart, Duration delay, int status,
            String problem, String cause, long durationNanos, RequestTrace trace, boolean upstreamError) {
        public Entry {
            Objects.requireNonNull(trace, "trace");
        }
    }

    public static String line(Entry e) {
        var trace = e.trace();
        var cache = trace.cache();
        boolean s3Answered = trace.s3LatencyNanos() >= 0;
        var metrics = new StringBuilder("[{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"}");
        if (s3Answered) {
            metrics.append(",{\"Name\":\"S3Latency\",\"Unit\":\"Milliseconds\"}");
        }
        if (cache != null) {
            metrics.append(",{\"Name\":\"CacheHit\",\"Unit\":\"Count\"}")
                    .append(",{\"Name\":\"CacheRevalidated\",\"Unit\":\"Count\"}")
                    .append(",{\"Name\":\"CacheMiss\",\"Unit\":\"Count\"}");
        }
        metrics.append(",{\"Name\":\"UpstreamError\",\"Unit\":\"Count\"},{\"Name\":\"ColdStart\",\"Unit\":\"Count\"}]");
        var emf = "{\"Timestamp\":" + e.epochMillis() + ",\"CloudWatchMetrics\":[{\"Namespace\":" + Json.quote(NAMESPACE)
                + ",\"Dimensions\":[[\"service\"]],\"Metrics\":" + metrics + "}]}";

        var out = Json.object()
                .put("timestamp", java.time.Instant.ofEpochMilli(e.epochMillis()).toString())
                .put("level", level(e.status()))
                .put("message", "GET /csv_test " + e.status() + (e.problem() == null ? "" : " " + e.problem()))
                .put("service", SERVICE)
                .put("requestId", e.requestId() == null ? "" : e.requestId())
                .put("coldStart", e.coldStart());
        if (e.delay() != null) {
            out.put("delayMs", e.delay().toMillis());
        }
        out.put("status", e.status()).put("durationMs", millis(e.durationNanos()));
        if (cache != null) {
            out.put("cache", cache.label());
        }
        if (trace.s3Status() != RequestTrace.NO_CALL) {
            out.put("s3Status", trace.s3Status());
        }
        if (s3Answered) {
            out.put("s3LatencyMs", millis(trace.s3LatencyNanos()));
        }
        if (e.problem() != null) {
            out.put("problem", e.problem());
        }
        if (e.cause() != null) {
            out.put("cause", shorten(e.cause()));
        }
        out.put("Latency", millis(e.durationNanos()));
        if (s3Answered) {
            out.put("S3Latency", millis(trace.s3LatencyNanos()));
        }
        if (cache != null) {
            out.put("CacheHit", cache == CacheOutcome.HIT ? 1 : 0)
                    .put("CacheRevalidated", cache == CacheOutcome.REVALIDATED ? 1 : 0)
                    .put("CacheMiss", cache == CacheOutcome.MISS ? 1 : 0);
        }
        out.put("UpstreamError", e.upstreamError() ? 1 : 0)
                .put("ColdStart", e.coldStart() ? 1 : 0)
                .putJson("_aws", emf);
        return out.toString();
    }

    private static String level(int status) {
        if (status == 500) {
            return "ERROR";
        }
        return status >= 500 ? "WARN" : "INFO";
    }

    private static long millis(long nanos) {
        return Math.max(0, Duration.ofNanos(nanos).toMillis());
    }

    private static String shorten(String cause) {
        return cause.length() <= MAX_CAUSE_CHARS ? cause : cause.substring(0, MAX_CAUSE_CHARS) + "…";
    }
}
