package dev.csvtest.function.observe;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import dev.csvtest.function.cache.CacheOutcome;
import dev.csvtest.function.http.ResponseMapper;
import dev.csvtest.function.json.Json;

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
     * Everything one line says, gathered once at the end of the request.
     *
     * @param end      when the request ended (the EMF {@code Timestamp})
     * @param duration how long the request took
     * @param served   what serving it produced
     * @param mapped   the response it got, with the problem slug and cause
     */
    public record Entry(Instant end, String requestId, boolean coldStart, Duration duration, Served served,
            ResponseMapper.Mapped mapped) {
        public Entry {
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(served, "served");
            Objects.requireNonNull(mapped, "mapped");
        }
    }

    public static String line(Entry e) {
        var served = e.served();
        var cache = served.cache();
        var s3 = served.s3Call();
        var status = e.mapped().status();
        var problem = e.mapped().problem();
        var cause = e.mapped().cause();

        var out = Json.object()
                .put("timestamp", e.end().truncatedTo(ChronoUnit.MILLIS).toString())
                .put("level", level(status))
                .put("message", "GET /csv_test " + status + (problem == null ? "" : " " + problem))
                .put("service", SERVICE)
                .put("requestId", e.requestId() == null ? "" : e.requestId())
                .put("coldStart", e.coldStart());
        served.delay().ifPresent(delay -> out.put("delayMs", delay.toMillis()));
        out.put("status", status).put("durationMs", millis(e.duration()));
        cache.ifPresent(outcome -> out.put("cache", outcome.label()));
        s3.ifPresent(call -> out.put("s3Status", call.status()).put("s3LatencyMs", millis(call.latency())));
        if (problem != null) {
            out.put("problem", problem);
        }
        if (cause != null) {
            out.put("cause", shorten(cause));
        }

        var metrics = Json.array().add(metric("Latency", "Milliseconds"));
        out.put("Latency", millis(e.duration()));
        s3.ifPresent(call -> {
            metrics.add(metric("S3Latency", "Milliseconds"));
            out.put("S3Latency", millis(call.latency()));
        });
        cache.ifPresent(outcome -> {
            metrics.add(metric("CacheHit", "Count")).add(metric("CacheRevalidated", "Count")).add(metric("CacheMiss", "Count"));
            out.put("CacheHit", outcome == CacheOutcome.HIT ? 1 : 0)
                    .put("CacheRevalidated", outcome == CacheOutcome.REVALIDATED ? 1 : 0)
                    .put("CacheMiss", outcome == CacheOutcome.MISS ? 1 : 0);
        });
        metrics.add(metric("UpstreamError", "Count")).add(metric("ColdStart", "Count"));
        out.put("UpstreamError", served.upstreamError() ? 1 : 0)
                .put("ColdStart", e.coldStart() ? 1 : 0);
        return out.put("_aws", Json.object()
                        .put("Timestamp", e.end().toEpochMilli())
                        .put("CloudWatchMetrics", Json.array().add(Json.object()
                                .put("Namespace", NAMESPACE)
                                .put("Dimensions", Json.array().add(Json.array().add("service")))
                                .put("Metrics", metrics))))
                .toString();
    }

    private static Json.JsonObject metric(String name, String unit) {
        return Json.object().put("Name", name).put("Unit", unit);
    }

    private static String level(int status) {
        if (status == 500) {
            return "ERROR";
        }
        return status >= 500 ? "WARN" : "INFO";
    }

    private static long millis(Duration duration) {
        return Math.max(0, duration.toMillis());
    }

    private static String shorten(String cause) {
        return cause.length() <= MAX_CAUSE_CHARS ? cause : cause.substring(0, MAX_CAUSE_CHARS) + "…";
    }
}
