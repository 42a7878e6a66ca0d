package dev.csvtest.load;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run produced.
 *
 * @param options   the options it ran with
 * @param outcomes  one per request, in request order
 * @param wallNanos from the start barrier's release to the last request's end
 */
public record RunResult(LoadOptions options, List<Outcome> outcomes, long wallNanos) {

    public RunResult {
        outcomes = List.copyOf(outcomes);
    }

    public long[] latencies() {
        return outcomes.stream().mapToLong(Outcome::latencyNanos).toArray();
    }

    public LatencyStats stats() {
        return LatencyStats.of(latencies());
    }

    public int succeeded() {
        return (int) outcomes.stream().filter(Outcome::ok).count();
    }

    public int failed() {
        return outcomes.size() - succeeded();
    }

    /** Failures grouped by {@link Outcome#errorKey()}, sorted by key. */
    public Map<String, Integer> errors() {
        var map = new TreeMap<String, Integer>();
        for (var o : outcomes) {
            if (!o.ok()) {
                map.merge(o.errorKey(), 1, Integer::sum);
            }
        }
        return map;
    }

    /** When the last request started, after the barrier: the client's own cost of firing N at once. */
    public long fireSpreadNanos() {
        return outcomes.stream().mapToLong(Outcome::startNanos).max().orElse(0);
    }

    public double wallSeconds() {
        return wallNanos / 1e9;
    }

    /** wall / delay, or null when there is no delay to compare with. */
    public Double ratio() {
        var delay = options.delaySeconds();
        return delay == null || delay == 0 ? null : wallSeconds() / delay;
    }

    /** Completed requests per second of wall time (the closed-loop figure). */
    public double requestsPerSecond() {
        return wallNanos == 0 ? 0 : outcomes.size() / wallSeconds();
    }

    public boolean closedLoop() {
        return options.duration() != null;
    }

    public boolean ratioExceeded() {
        var r = ratio();
        return options.maxRatio() != null && r != null && r > options.maxRatio();
    }

    public boolean passed() {
        return failed() == 0 && !outcomes.isEmpty() && !ratioExceeded();
    }
}
