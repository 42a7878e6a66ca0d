package dev.csvtest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void of_oneToHundred_nearestRankPercentiles() {
        var values = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray(); // unsorted on purpose

        var s = LatencyStats.of(values);

        assertThat(s.count()).isEqualTo(100);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.p50()).isEqualTo(50);
        assertThat(s.p90()).isEqualTo(90);
        assertThat(s.p99()).isEqualTo(99);
        assertThat(s.max()).isEqualTo(100);
        assertThat(s.mean()).isEqualTo(50.5);
        assertThat(values[0]).as("input not sorted in place").isEqualTo(100);
    }

    @Test
    void of_fourValues_percentilesAreObservedValues() {
        var s = LatencyStats.of(new long[] {4, 1, 3, 2});

        assertThat(s.p50()).isEqualTo(2);
        assertThat(s.p90()).isEqualTo(4);
        assertThat(s.p99()).isEqualTo(4);
    }

    @Test
    void of_singleAndEmpty() {
        assertThat(LatencyStats.of(new long[] {7}).p99()).isEqualTo(7);
        assertThat(LatencyStats.of(new long[0])).isEqualTo(LatencyStats.EMPTY);
    }

    @Test
    void percentile_outOfRange_throws() {
        assertThatThrownBy(() -> LatencyStats.percentile(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencyStats.percentile(new long[] {1}, 101)).isInstanceOf(IllegalArgumentException.class);
    }
}
