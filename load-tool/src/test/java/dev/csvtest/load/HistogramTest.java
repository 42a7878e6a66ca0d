package dev.csvtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void bins_spreadEvenly_countsEveryValueOnceAndMaxInLastBin() {
        var bins = Histogram.bins(new long[] {0, 10, 20, 30, 40, 100}, 10);

        assertThat(bins).hasSize(10);
        assertThat(bins.stream().mapToInt(Histogram.Bin::count).sum()).isEqualTo(6);
        assertThat(bins.getFirst()).isEqualTo(new Histogram.Bin(0, 10, 1));
        assertThat(bins.get(1).count()).isEqualTo(1);
        assertThat(bins.getLast()).isEqualTo(new Histogram.Bin(90, 100, 1));
    }

    @Test
    void bins_allEqual_oneBin() {
        assertThat(Histogram.bins(new long[] {5, 5, 5}, 12)).containsExactly(new Histogram.Bin(5, 5, 3));
    }

    @Test
    void bins_empty_noBins() {
        assertThat(Histogram.bins(new long[0], 12)).isEmpty();
    }

    @Test
    void render_scalesBarsToWidthAndShowsNonZeroCountsWithAtLeastOneMark() {
        var text = Histogram.render(java.util.List.of(
                new Histogram.Bin(1_000_000, 2_000_000, 100),
                new Histogram.Bin(2_000_000, 3_000_000, 1),
                new Histogram.Bin(3_000_000, 4_000_000, 0)), 20);

        var lines = text.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("1.0 -").contains("2.0 ms |").contains("#".repeat(20) + " 100");
        assertThat(lines.get(1)).contains("| #" + " ".repeat(19) + " 1");
        assertThat(lines.get(2)).doesNotContain("#").endsWith(" 0");
    }
}
