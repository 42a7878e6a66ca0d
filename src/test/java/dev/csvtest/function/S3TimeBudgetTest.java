package dev.csvtest.function;

import static dev.csvtest.function.CsvTestHandlerTest.assertProblem;
import static dev.csvtest.function.Fixtures.BUCKET;
import static dev.csvtest.function.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.csvtest.function.s3.S3ObjectFetcher;
import dev.csvtest.s3.EmbeddedS3;
import dev.csvtest.testkit.FaultyS3Proxy;
import dev.csvtest.testkit.TestContext;

/**
 * The S3 time budget ({@link S3ObjectFetcher#TIMEOUTS}, docs/latency.md) with the deployed function's 25 s Timeout, so
 * only the budget can bound the wait: an S3 that accepts connections but never answers is a 504 a few seconds after
 * the delay, not after 25 s; an S3 that is slow but working is still served.
 *
 * <p>Tolerances: the upper bounds are the budget plus {@link #SLACK}, time to build the response on a loaded 2-core
 * machine; the lower bounds show the wait really was the budget (or the injected latency), not an early give-up.
 */
@Tag("faults")
class S3TimeBudgetTest {

    /** The deployed function's Timeout (template.yaml). */
    private static final Duration LAMBDA_TIMEOUT = Duration.ofSeconds(25);
    private static final Duration SLACK = Duration.ofSeconds(1);
    /** The SDK's timer and ours run on different clocks' rounding; never more than this early. */
    private static final Duration EARLY = Duration.ofMillis(200);
    /** What "slow but working" means here: every S3 request delayed by this much. */
    private static final Duration SLOW_S3 = Duration.ofSeconds(2);

    private static EmbeddedS3 s3;
    private FaultyS3Proxy proxy;

    @BeforeAll
    static void startS3() {
        s3 = EmbeddedS3.start().put(BUCKET, KEY, Fixtures.sampleCsv(), "text/csv");
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void startProxy() {
        proxy = FaultyS3Proxy.start(s3.port());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    @ParameterizedTest(name = "delay={0}")
    @ValueSource(ints = {0, 1})
    void hangingS3_is504WithinTheCallBudgetAfterTheFetchStarted_notAtTheLambdaTimeout(int delaySeconds) {
        proxy.mode(FaultyS3Proxy.Mode.BLACKHOLE);
        try (var handler = new CsvTestHandler(Fixtures.environment(proxy.endpoint()))) {
            var context = TestContext.withTimeout(LAMBDA_TIMEOUT);
            long start = System.nanoTime();

            var response = handler.handleRequest(Events.get("delay=" + delaySeconds), context);

            var took = Duration.ofNanos(System.nanoTime() - start);
            assertProblem(response, 504, "upstream-timeout");
            // The fetch overlaps the delay: the answer comes when the call budget, counted from the fetch's start, is
            // spent (delay=0: within 6 s), after at least one full attempt.
            var budget = S3ObjectFetcher.TIMEOUTS;
            assertThat(took).isBetween(budget.call().minus(EARLY), budget.call().plus(SLACK));
            assertThat(proxy.requestCount()).as("attempts that reached S3").isPositive();
            var line = Fixtures.json(context.logLines().getFirst());
            assertThat(line.get("cause").asString()).isNotBlank();
            assertThat(line.get("s3Status").asNumber()).as("no HTTP answer").isEqualTo("0");
            assertThat(Long.parseLong(line.get("s3LatencyMs").asNumber())).isGreaterThanOrEqualTo(budget.attempt().toMillis());
        }
    }

    @ParameterizedTest(name = "delay={0}")
    @ValueSource(ints = {0, 1})
    void slowButWorkingS3_isServed_inOneAttempt(int delaySeconds) {
        // CACHE_MAX_BYTES=0: nothing is cached, so the measured request makes a full GET through the slow proxy.
        try (var handler = new CsvTestHandler(Fixtures.environment(proxy.endpoint(), "CACHE_MAX_BYTES", "0"))) {
            // Warm, not measured: what is shown is the budget against S3's latency, not this JVM's class loading
            // (a cold start's share is measured in docs/latency.md and is inside the attempt budget's margin).
            assertThat(handler.handleRequest(Events.get(null), TestContext.standard()).getStatusCode()).isEqualTo(200);
            proxy.latency(SLOW_S3).clearRequests();
            var context = TestContext.withTimeout(LAMBDA_TIMEOUT);
            long start = System.nanoTime();

            var response = handler.handleRequest(Events.get("delay=" + delaySeconds), context);

            var took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
            assertThat(response.getBody()).hasSize(Fixtures.sampleCsv().length);
            assertThat(took).isBetween(SLOW_S3, S3ObjectFetcher.TIMEOUTS.call().plus(SLACK));
            assertThat(proxy.requests()).as("one attempt, answered").singleElement()
                    .satisfies(r -> assertThat(r.responseStatus()).isEqualTo(200));
        }
    }
}
