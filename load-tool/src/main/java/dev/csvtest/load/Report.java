package dev.csvtest.load;

import java.util.Locale;

/** The human-readable summary printed on stdout. */
public final class Report {

    private static final int HISTOGRAM_BINS = 12;
    private static final int BAR_WIDTH = 40;
    private static final int ERROR_SAMPLES = 3;

    private Report() {
    }

    public static String text(RunResult r) {
        var o = r.options();
        var s = r.stats();
        var sb = new StringBuilder();
        if (r.closedLoop()) {
            line(sb, "mode", "closed loop: %d in flight for %.1f s, each request on its own connection",
                    o.concurrency(), o.duration().toNanos() / 1e9);
        } else {
            line(sb, "mode", "burst: %d concurrent GETs, each on its own connection%s", o.requests(),
                    o.suffix() ? ", distinct URLs (tab={i})" : "");
        }
        line(sb, "url", "%s", o.urlFor(0));
        line(sb, "requests", "%d ok, %d failed", r.succeeded(), r.failed());
        var ratio = r.ratio();
        line(sb, "wall", "%.3f s%s", r.wallSeconds(), o.delaySeconds() == null ? ""
                : String.format(Locale.ROOT, "   delay %s s   wall/delay %s", trim(o.delaySeconds()),
                        ratio == null ? "n/a" : String.format(Locale.ROOT, "%.3f", ratio)));
        if (!r.closedLoop()) {
            line(sb, "fired", "last request started %s ms after the start barrier", ms(r.fireSpreadNanos()));
        }
        if (r.closedLoop()) {
            line(sb, "rate", "%.1f req/s", r.requestsPerSecond());
        }
        line(sb, "latency", "min %s  p50 %s  p90 %s  p99 %s  max %s  mean %s (ms)", ms(s.min()), ms(s.p50()),
                ms(s.p90()), ms(s.p99()), ms(s.max()), ms(Math.round(s.mean())));
        if (r.failed() == 0) {
            line(sb, "errors", "none");
        } else {
            var errs = new StringBuilder();
            r.errors().forEach((k, v) -> errs.append(errs.isEmpty() ? "" : ", ").append(k).append(": ").append(v));
            line(sb, "errors", "%s", errs);
            r.outcomes().stream().filter(x -> !x.ok()).limit(ERROR_SAMPLES).forEach(x ->
                    line(sb, "", "e.g. #%d after %s ms: %s", x.index(), ms(x.latencyNanos()), x.errorDetail()));
        }
        sb.append("histogram (latency, all requests):\n");
        sb.append(Histogram.render(Histogram.bins(r.latencies(), Math.max(1, Math.min(HISTOGRAM_BINS, r.outcomes().size()))), BAR_WIDTH));
        if (r.ratioExceeded()) {
            sb.append(String.format(Locale.ROOT, "FAIL: wall/delay %.3f exceeds --max-ratio %s%n", ratio,
                    trim(o.maxRatio())));
        }
        if (r.failed() > 0) {
            sb.append(String.format(Locale.ROOT, "FAIL: %d of %d requests failed%n", r.failed(), r.outcomes().size()));
        }
        if (r.passed()) {
            sb.append("PASS\n");
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, "%-9s ", key)).append(String.format(Locale.ROOT, format, args))
                .append('\n');
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, nanos >= 100_000_000 ? "%.1f" : "%.2f", nanos / 1e6);
    }

    static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
