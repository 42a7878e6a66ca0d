package dev.csvtest.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A linear text histogram of latencies: equal-width bins from the fastest to the slowest request. */
public final class Histogram {

    /** One bin: [from, to) in nanoseconds (the last bin includes its upper edge). */
    public record Bin(long fromNanos, long toNanos, int count) {
    }

    private Histogram() {
    }

    public static List<Bin> bins(long[] nanos, int binCount) {
        if (binCount < 1) {
            throw new IllegalArgumentException("binCount must be >= 1");
        }
        if (nanos.length == 0) {
            return List.of();
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (var n : nanos) {
            min = Math.min(min, n);
            max = Math.max(max, n);
        }
        var span = max - min;
        if (span == 0) {
            return List.of(new Bin(min, max, nanos.length));
        }
        var counts = new int[binCount];
        for (var n : nanos) {
            var i = (int) Math.min(binCount - 1, (n - min) * (double) binCount / span);
            counts[i]++;
        }
        var bins = new ArrayList<Bin>(binCount);
        for (var i = 0; i < binCount; i++) {
            var from = min + Math.round(span * (double) i / binCount);
            var to = i == binCount - 1 ? max : min + Math.round(span * (double) (i + 1) / binCount);
            bins.add(new Bin(from, to, counts[i]));
        }
        return bins;
    }

    /** Renders bins as lines like {@code " 10001.2 - 10003.4 ms | ##########  812"}, bars scaled to {@code width}. */
    public static String render(List<Bin> bins, int width) {
        var peak = bins.stream().mapToInt(Bin::count).max().orElse(0);
        var sb = new StringBuilder();
        for (var bin : bins) {
            var bar = peak == 0 ? 0 : (int) Math.round(bin.count() * (double) width / peak);
            if (bin.count() > 0 && bar == 0) {
                bar = 1;
            }
            sb.append(String.format(Locale.ROOT, "  %10s - %10s ms | %-" + width + "s %d%n",
                    ms(bin.fromNanos()), ms(bin.toNanos()), "#".repeat(bar), bin.count()));
        }
        return sb.toString();
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
