package dev.csvtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class ReportTest {

    private static RunResult result(List<Outcome> outcomes, String... extraArgs) {
        var args = new ArrayList<>(List.of("--url", "http://h/csv_test?delay=1", "-n", "3"));
        args.addAll(List.of(extraArgs));
        var options = LoadOptions.parse(args.toArray(String[]::new));
        var wall = outcomes.stream().mapToLong(Outcome::endNanos).max().orElse(0);
        return new RunResult(options, outcomes, wall);
    }

    @Test
    void text_mixedOutcomes_groupsErrorsAndFails() {
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
    void json_keepsTheFieldsAndTheirOrder_escapesStrings_writesNullsForMissingValues() {
        var r = result(List.of(Outcome.response(0, 0, 1_000_000_000L, 200, 10)), "--label", "a \"quoted\"\\label\n");

        var json = JsonReport.json(r);
        var doc = JsonMapper.shared().readTree(json);

        assertThat(doc.propertyNames()).containsExactly("label", "url", "mode", "client", "requests", "concurrency",
                "suffix", "delaySeconds", "wallSeconds", "ratio", "fireSpreadMs", "maxRatio", "durationSeconds",
                "requestsPerSecond", "ok", "failed", "latencyMs", "errors", "histogram", "passed");
        assertThat(doc.get("latencyMs").propertyNames()).containsExactly("min", "p50", "p90", "p99", "max", "mean");
        assertThat(doc.get("histogram").get(0).propertyNames()).containsExactly("fromMs", "toMs", "count");
        assertThat(json).contains("\"label\": \"a \\\"quoted\\\"\\\\label\\n\"", "\"maxRatio\": null",
                "\"durationSeconds\": null", "\"ratio\": 1.0,", "\"passed\": true").endsWith("}\n");
        assertThat(doc.get("label").asString()).isEqualTo("a \"quoted\"\\label\n");
        assertThat(doc.get("client").asString()).isEqualTo("raw");
        assertThat(doc.get("mode").asString()).isEqualTo("burst");
        assertThat(doc.get("errors").isEmpty()).isTrue();
    }

    @Test
    void json_groupsErrorsByKey() {
        var r = result(List.of(
                Outcome.response(0, 0, 1_000_000_000L, 500, 10),
                Outcome.response(1, 0, 1_000_000_000L, 500, 10),
                Outcome.failure(2, 0, 2_000_000L, ErrorKind.TIMEOUT, "timeout")));

        var doc = JsonMapper.shared().readTree(JsonReport.json(r));

        assertThat(doc.get("errors").get("HTTP 500").asInt()).isEqualTo(2);
        assertThat(doc.get("errors").get("timeout").asInt()).isEqualTo(1);
        assertThat(doc.get("failed").asInt()).isEqualTo(3);
        assertThat(doc.get("latencyMs").get("min").asDouble()).isEqualTo(2.0);
    }

    @Test
    void num_roundsToFourDecimalsAndMapsNonFiniteToNull() {
        assertThat(JsonReport.num(1.5)).isEqualTo(1.5);
        assertThat(JsonReport.num(2.123456)).isEqualTo(2.1235);
        assertThat(JsonReport.num(Double.NaN)).isNull();
        assertThat(JsonReport.num(Double.POSITIVE_INFINITY)).isNull();
        assertThat(JsonReport.num(null)).isNull();
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
