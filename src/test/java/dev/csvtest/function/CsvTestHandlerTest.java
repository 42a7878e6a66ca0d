package dev.csvtest.function;

import static dev.csvtest.function.Fixtures.BUCKET;
import static dev.csvtest.function.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import dev.csvtest.function.delay.BadDelayQueries;
import dev.csvtest.testkit.ProxiedS3;
import dev.csvtest.testkit.TestContext;

/** The handler against a real S3-protocol server, through a counting proxy. */
@Tag("s3-integration")
class CsvTestHandlerTest {

    @RegisterExtension
    static final ProxiedS3 s3 = ProxiedS3.holding(BUCKET, KEY, Fixtures.sampleCsv(), "text/csv");
    private static CsvTestHandler handler;

    @BeforeAll
    static void start() {
        handler = new CsvTestHandler(Fixtures.environment(s3.proxy().endpoint()));
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    @BeforeEach
    void clear() {
        s3.proxy().clearRequests();
    }

    @Test
    void noDelay_answersTheCsvWithContractHeaders() {
        var response = handler.handleRequest(Events.get(null), TestContext.standard());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders())
                .containsEntry("Content-Type", "text/csv; charset=utf-8")
                .containsEntry("Cache-Control", "no-store")
                .containsKey("ETag");
        assertThat(response.getHeaders().get("ETag")).startsWith("\"").endsWith("\"");
        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(response.getBody()).isEqualTo(new String(Fixtures.sampleCsv(), StandardCharsets.UTF_8));
    }

    @Test
    void fractionalDelay_isHonoured() {
        long start = System.nanoTime();

        var response = handler.handleRequest(Events.get("delay=0.25"), TestContext.standard());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    static Stream<Arguments> badEvents() {
        var fromRawQueries = BadDelayQueries.all().map(q -> Arguments.of(shorten(q), Events.get(q)));
        var payloadVariants = Stream.of(
                // Exactly as HTTP API payload 2.0 delivers ?delay=1&delay=2.
                Arguments.of("payload 2.0 delay=1&delay=2",
                        Events.event("delay=1&delay=2", Map.of("delay", "1,2"))),
                // A joined value with no raw query string at all.
                Arguments.of("queryStringParameters only {delay: 1,2}", Events.event(null, Map.of("delay", "1,2"))),
                Arguments.of("queryStringParameters only {delay: NaN}", Events.event(null, Map.of("delay", "NaN"))));
        return Stream.concat(fromRawQueries, payloadVariants);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badEvents")
    void badDelay_is400ProblemJson_andNeverReachesS3(String name, APIGatewayV2HTTPEvent event) {
        var context = TestContext.standard();
        long start = System.nanoTime();

        var response = handler.handleRequest(event, context);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertProblem(response, 400, "invalid-delay");
        var body = Fixtures.json(response.getBody());
        assertThat(body.get("parameter").asString()).isEqualTo("delay");
        assertThat(body.get("minimum").asNumber()).isEqualTo("0");
        assertThat(body.get("maximum").asNumber()).isEqualTo("20");
        assertThat(body.get("detail").asString()).contains("'delay'").contains("0 to 20 seconds");
        assertThat(body.get("requestId").asString()).isEqualTo(context.getAwsRequestId());
        assertThat(s3.proxy().requestCount()).isZero();
    }

    @Test
    void delayLongerThanTheRemainingTime_is504AtOnce_withoutSleeping() {
        var context = TestContext.withTimeout(Duration.ofSeconds(2));
        long start = System.nanoTime();

        var response = handler.handleRequest(Events.get("delay=5"), context);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertProblem(response, 504, "deadline-exceeded");
        assertThat(context.logLines()).anySatisfy(line -> assertThat(line).contains(context.getAwsRequestId()));
    }

    static void assertProblem(APIGatewayV2HTTPResponse response, int status, String type) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        var body = Fixtures.json(response.getBody());
        assertThat(body.get("type").asString()).isEqualTo("urn:csv-test:problem:" + type);
        assertThat(body.get("status").asNumber()).isEqualTo(String.valueOf(status));
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("detail").asString()).isNotBlank();
    }

    private static String shorten(String query) {
        return query.length() <= 40 ? query : query.substring(0, 40) + "… (" + query.length() + " chars)";
    }
}
