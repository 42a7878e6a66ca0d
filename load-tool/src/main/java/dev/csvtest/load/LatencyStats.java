package dev.csvtest.load;

import java.util.Arrays;

/**
 * Latency summary in nanoseconds. Percentiles use the nearest-rank method: p50 of {1,2,3,4} is 2, p99 of 100
 * values is the 99th smallest, and every percentile is an observed value.
 */
public record LatencyStats(int count, long min, long p50, long p90, long p99, long max, double mean) {

    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0, 0);

    public static LatencyStats of(long[] nanos) {
        if (nanos.length == 0) {
            return EMPTY;
        }
        var sorted = nanos.clone();
        Arrays.sort(sorted);
        var sum = 0.0;
        for (var n : sorted) {
            sum += n;
        }
        return new LatencyStats(sorted.length, sorted[0], percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted[sorted.length - 1], sum / sorted.length);
    }

    /** Nearest-rank percentile of an ascending array; {@code p} in (0, 100]. */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        var rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
