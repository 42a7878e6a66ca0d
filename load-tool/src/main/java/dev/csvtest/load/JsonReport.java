package dev.csvtest.load;

import java.util.Locale;

/**
 * The results as JSON (hand-written: the load tool needs no JSON library). Times are in milliseconds except
 * {@code wallSeconds}/{@code delaySeconds}; {@code ratio} is wall/delay or null.
 */
public final class JsonReport {

    private JsonReport() {
    }

    public static String json(RunResult r) {
        var o = r.options();
        var s = r.stats();
        var sb = new StringBuilder("{\n");
        field(sb, "label", str(o.label()));
        field(sb, "url", str(o.url()));
        field(sb, "mode", str(r.closedLoop() ? "closed-loop" : "burst"));
        field(sb, "client", str(o.client().name().toLowerCase(Locale.ROOT)));
        field(sb, "requests", Integer.toString(r.outcomes().size()));
        field(sb, "concurrency", Integer.toString(r.closedLoop() ? o.concurrency() : o.requests()));
        field(sb, "suffix", Boolean.toString(o.suffix()));
        field(sb, "delaySeconds", num(o.delaySeconds()));
        field(sb, "wallSeconds", num(r.wallSeconds()));
        field(sb, "ratio", num(r.ratio()));
        field(sb, "fireSpreadMs", r.closedLoop() ? "null" : ms(r.fireSpreadNanos()));
        field(sb, "maxRatio", num(o.maxRatio()));
        field(sb, "durationSeconds", o.duration() == null ? "null" : num(o.duration().toNanos() / 1e9));
        field(sb, "requestsPerSecond", num(r.requestsPerSecond()));
        field(sb, "ok", Integer.toString(r.succeeded()));
        field(sb, "failed", Integer.toString(r.failed()));
        field(sb, "latencyMs", "{\"min\": " + ms(s.min()) + ", \"p50\": " + ms(s.p50()) + ", \"p90\": " + ms(s.p90())
                + ", \"p99\": " + ms(s.p99()) + ", \"max\": " + ms(s.max()) + ", \"mean\": " + num(s.mean() / 1e6) + "}");
        var errors = new StringBuilder("{");
        r.errors().forEach((k, v) -> errors.append(errors.length() > 1 ? ", " : "").append(str(k)).append(": ").append(v));
        field(sb, "errors", errors.append('}').toString());
        var hist = new StringBuilder("[");
        for (var b : Histogram.bins(r.latencies(), 12)) {
            hist.append(hist.length() > 1 ? ", " : "").append("{\"fromMs\": ").append(ms(b.fromNanos()))
                    .append(", \"toMs\": ").append(ms(b.toNanos())).append(", \"count\": ").append(b.count()).append('}');
        }
        field(sb, "histogram", hist.append(']').toString());
        sb.append("  \"passed\": ").append(r.passed()).append("\n}\n");
        return sb.toString();
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append("  \"").append(name).append("\": ").append(value).append(",\n");
    }

    private static String ms(long nanos) {
        return num(nanos / 1e6);
    }

    static String num(Double d) {
        if (d == null || d.isNaN() || d.isInfinite()) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static String str(String s) {
        if (s == null) {
            return "null";
        }
        var sb = new StringBuilder("\"");
        for (var c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
