package dev.csvtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReportTest {

    private static RunResult result(List<Outcome> outcomes, String... extraArgs) throws UsageException {
        var args = new java.util.ArrayList<>(List.of("--url", "http://h/csv_test?delay=1", "-n", "3"));
        args.addAll(List.of(extraArgs));
        var options = LoadOptions.parse(args.toArray(String[]::new));
        var wall = outcomes.stream().mapToLong(Outcome::endNanos).max().orElse(0);
        return new RunResult(options, outcomes, wall);
    }

    @Test
    void text_mixedOutcomes_groupsErrorsAndFails() throws Exception {
        var r = result(List.of(
                Outcome.response(0, 0, 1_010_000_000L, 200, 10),
                Outcome.response(1, 0, 1_020_000_000L, 503, 10),
                Outcome.failure(2, 5_000_000L, 1_500_000_000L, ErrorKind.RESET, "SocketException: Connection reset")));

        var text = Report.text(r);

        assertThat(text).contains("1 ok, 2 failed", "wall      1.500 s   delay 1 s   wall/delay 1.500",
                "HTTP 503: 1", "connection reset: 1", "e.g. #1", "FAIL: 2 of 3 requests failed",
                "last request started 5.00 ms after the start barrier");
        assertThat(text).doesNotContain("PASS");
        assertThat(r.passed()).isFalse();
    }

    @Test
    void json_escapesStringsAndWritesNullsForMissingValues() throws Exception {
        var r = result(List.of(Outcome.response(0, 0, 1_000_000_000L, 200, 10)), "--label", "a \"quoted\"\\label\n");

        var json = JsonReport.json(r);

        assertThat(json).contains("\"label\": \"a \\\"quoted\\\"\\\\label\\n\"", "\"maxRatio\": null",
                "\"durationSeconds\": null", "\"ratio\": 1,", "\"errors\": {}", "\"passed\": true");
    }

    @Test
    void num_trimsTrailingZerosAndMapsNonFiniteToNull() {
        assertThat(JsonReport.num(1.5)).isEqualTo("1.5");
        assertThat(JsonReport.num(2.0)).isEqualTo("2");
        assertThat(JsonReport.num(Double.NaN)).isEqualTo("null");
        assertThat(JsonReport.num(null)).isEqualTo("null");
    }

    @Test
    void classify_mapsSocketExceptionsToKinds() {
        assertThat(RawHttpGetter.classify(new java.net.ConnectException("Connection refused"), false))
                .isEqualTo(ErrorKind.CONNECT_REFUSED);
        assertThat(RawHttpGetter.classify(new java.net.SocketTimeoutException("x"), false)).isEqualTo(ErrorKind.CONNECT_TIMEOUT);
        assertThat(RawHttpGetter.classify(new java.net.SocketTimeoutException("x"), true)).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(RawHttpGetter.classify(new java.net.SocketException("Connection reset"), true)).isEqualTo(ErrorKind.RESET);
        assertThat(RawHttpGetter.classify(new java.io.EOFException("closed"), true)).isEqualTo(ErrorKind.CLOSED_EARLY);
        assertThat(RawHttpGetter.classify(new java.net.UnknownHostException("nope"), false)).isEqualTo(ErrorKind.UNKNOWN_HOST);
    }
}
