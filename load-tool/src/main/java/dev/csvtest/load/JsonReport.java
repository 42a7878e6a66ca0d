package dev.csvtest.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The results as JSON (the {@code --json} file), written by Jackson from the records below. Times are in
 * milliseconds except {@code wallSeconds}, {@code delaySeconds} and {@code durationSeconds}; numbers are rounded to
 * 4 decimals; {@code ratio} is wall/delay, and a figure that does not apply is null. The field names and their
 * order are what bench/report.py and bench/soak.sh read.
 */
public final class JsonReport {

    private static final int HISTOGRAM_BINS = 12;

    /** Loaded with this class, i.e. only by a run that writes JSON: Jackson is not part of the tool's start-up. */
    private static final ObjectWriter WRITER = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY) // record component order, as documented
            .defaultPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectNameValueSpacing(Separators.Spacing.AFTER))) // "name": value
            .build()
            .writerWithDefaultPrettyPrinter();

    /** The whole document. */
    record Document(String label, String url, String mode, String client, int requests, int concurrency,
                    boolean suffix, Double delaySeconds, Double wallSeconds, Double ratio, Double fireSpreadMs,
                    Double maxRatio, Double durationSeconds, Double requestsPerSecond, int ok, int failed,
                    Latency latencyMs, Map<String, Integer> errors, List<Bin> histogram, boolean passed) {
    }

    /** {@code latencyMs}: nearest-rank percentiles and the mean. */
    record Latency(Double min, Double p50, Double p90, Double p99, Double max, Double mean) {
    }

    /** One histogram bin: [fromMs, toMs) and how many requests fell in it. */
    record Bin(Double fromMs, Double toMs, int count) {
    }

    private JsonReport() {
    }

    public static String json(RunResult r) {
        return WRITER.writeValueAsString(document(r)) + "\n";
    }

    static Document document(RunResult r) {
        var o = r.options();
        var s = r.stats();
        var latency = new Latency(ms(s.min()), ms(s.p50()), ms(s.p90()), ms(s.p99()), ms(s.max()), num(s.mean() / 1e6));
        var histogram = Histogram.bins(r.latencies(), HISTOGRAM_BINS).stream()
                .map(b -> new Bin(ms(b.fromNanos()), ms(b.toNanos()), b.count()))
                .toList();
        return new Document(o.label(), o.url(), r.closedLoop() ? "closed-loop" : "burst",
                o.client().name().toLowerCase(Locale.ROOT), r.outcomes().size(),
                r.closedLoop() ? o.concurrency() : o.requests(), o.suffix(), num(o.delaySeconds()),
                num(r.wallSeconds()), num(r.ratio()), r.closedLoop() ? null : ms(r.fireSpreadNanos()),
                num(o.maxRatio()), o.duration() == null ? null : num(o.duration().toNanos() / 1e9),
                num(r.requestsPerSecond()), r.succeeded(), r.failed(), latency, r.errors(), histogram, r.passed());
    }

    private static Double ms(long nanos) {
        return num(nanos / 1e6);
    }

    /** Rounded to 4 decimals; null for null, NaN and infinities (JSON has no such numbers). */
    static Double num(Double d) {
        if (d == null || d.isNaN() || d.isInfinite()) {
            return null;
        }
        return Math.round(d * 10_000) / 10_000.0;
    }
}
