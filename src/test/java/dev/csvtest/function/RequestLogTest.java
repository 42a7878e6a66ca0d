package dev.csvtest.function;

import static dev.csvtest.function.Fixtures.BUCKET;
import static dev.csvtest.function.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import dev.csvtest.testkit.ProxiedS3;
import dev.csvtest.testkit.TestContext;

/**
 * The one structured line per request: request id, cold start, delay, cache outcome, S3 status and latency, and the
 * CloudWatch EMF document that turns the same line into metrics.
 */
@Tag("s3-integration")
class RequestLogTest {

    @RegisterExtension
    final ProxiedS3 s3 = ProxiedS3.holding(BUCKET, KEY, "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "text/csv");
    private final MutableClock clock = new MutableClock();

    @Test
    void coldMiss_thenWarmHit_thenRevalidated_eachOneLineWithTheirFields() {
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.proxy().endpoint(), "CACHE_REVALIDATE_SECONDS", "60"), clock)) {
            var first = invoke(handler, "delay=0.01");
            assertThat(fields(first)).contains(entry("coldStart", true), entry("delayMs", 10L), entry("cache", "miss"),
                    entry("s3Status", 200L), entry("status", 200L), entry("level", "INFO"));
            assertThat(Long.parseLong(first.get("s3LatencyMs").asNumber())).isNotNegative();
            assertThat(first).doesNotContainKeys("problem", "cause");

            var second = invoke(handler, null);
            assertThat(fields(second)).contains(entry("coldStart", false), entry("delayMs", 0L), entry("cache", "hit"),
                    entry("CacheHit", 1L), entry("CacheMiss", 0L));
            assertThat(second).doesNotContainKeys("s3Status", "s3LatencyMs", "S3Latency");

            clock.advance(Duration.ofSeconds(61));
            var third = invoke(handler, null);
            assertThat(fields(third)).contains(entry("cache", "revalidated"), entry("s3Status", 304L),
                    entry("CacheRevalidated", 1L), entry("UpstreamError", 0L));
        }
    }

    @Test
    void rejectedDelay_hasNoDelayNorCache_andNamesTheProblem() {
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.proxy().endpoint()), clock)) {
            var line = invoke(handler, "delay=-1");

            assertThat(fields(line)).contains(entry("status", 400L), entry("problem", "invalid-delay"));
            assertThat(line).doesNotContainKeys("delayMs", "cache", "s3Status", "CacheHit");
        }
    }

    @Test
    void upstreamFailure_countsAsUpstreamError_withS3sStatus() {
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.proxy().endpoint(), "CSV_KEY", "missing.csv"), clock)) {
            var line = invoke(handler, null);

            assertThat(fields(line)).contains(entry("status", 502L), entry("level", "WARN"), entry("s3Status", 404L),
                    entry("UpstreamError", 1L));
            assertThat(line.get("cause").asString()).contains("NoSuchKey");
        }
    }

    @Test
    void everyLine_isAValidEmfDocument_whoseMetricsArePresentAsNumbers() {
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.proxy().endpoint()), clock)) {
            for (var query : new String[] {null, null, "delay=x"}) {
                var line = invoke(handler, query);

                var aws = line.get("_aws").asObject();
                assertThat(Long.parseLong(aws.get("Timestamp").asNumber())).isPositive();
                var directive = aws.get("CloudWatchMetrics").asArray().getFirst().asObject();
                assertThat(directive.get("Namespace").asString()).isEqualTo("csv-test");
                var dimensions = directive.get("Dimensions").asArray().getFirst().asArray();
                assertThat(dimensions).allSatisfy(d -> assertThat(line).containsKey(d.asString()));
                assertThat(line.get("service").asString()).isEqualTo("csv-test");
                var metrics = directive.get("Metrics").asArray();
                assertThat(metrics).extracting(m -> m.asObject().get("Name").asString()).contains("Latency", "UpstreamError", "ColdStart");
                assertThat(metrics).allSatisfy(m -> {
                    var name = m.asObject().get("Name").asString();
                    assertThat(line).containsKey(name);
                    assertThat(line.get(name).isNumber()).as(name).isTrue();
                    assertThat(m.asObject().get("Unit").asString()).isIn("Milliseconds", "Count");
                });
            }
        }
    }

    /** A line's scalar fields as Java values (strings, booleans, whole numbers as Long), to compare several at once. */
    private static Map<String, Object> fields(Map<String, JsonNode> line) {
        var fields = new LinkedHashMap<String, Object>();
        line.forEach((name, node) -> {
            if (node.isString()) {
                fields.put(name, node.asString());
            } else if (node.isBoolean()) {
                fields.put(name, node.asBoolean());
            } else if (node.isNumber() && node.asNumber().matches("-?\\d+")) {
                fields.put(name, Long.valueOf(node.asNumber()));
            }
        });
        return fields;
    }

    private static Map<String, JsonNode> invoke(CsvTestHandler handler, String query) {
        var context = TestContext.standard();
        handler.handleRequest(Events.get(query), context);
        var lines = context.logLines();
        assertThat(lines).hasSize(1);
        var line = Fixtures.json(lines.getFirst());
        assertThat(line.get("requestId").asString()).isEqualTo(context.getAwsRequestId());
        assertThat(lines.getFirst()).doesNotContain("\n");
        return line;
    }
}
