package dev.csvtest.function;

import static dev.csvtest.function.CsvTestHandlerTest.assertProblem;
import static dev.csvtest.function.Fixtures.BUCKET;
import static dev.csvtest.function.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.csvtest.testkit.Futures.joinAll;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import dev.csvtest.testkit.FaultSuite;
import dev.csvtest.testkit.FaultyS3Proxy;
import dev.csvtest.testkit.FaultyS3Proxy.Mode;
import dev.csvtest.testkit.S3Fault;
import dev.csvtest.testkit.TestContext;

/**
 * S3 made to misbehave between the SDK and a real S3-protocol server, one row per fault kind, each repeated
 * {@value #REPETITIONS} times: {@value #ENVIRONMENTS} execution environments (handler instances, as on Lambda or in
 * the local stack) run side by side, each serving {@value #REQUESTS_PER_ENVIRONMENT} requests in a row.
 *
 * <p>Every request must get the documented status, a problem body that reveals nothing internal, exactly one log
 * line with the request id and the cause, and its answer within the invocation's deadline. After the row: the
 * platform thread count (the embedded S3 server's own pool aside) is back at its baseline within
 * {@value FaultSuite#THREAD_TOLERANCE} (the SDK's timeout scheduler threads are gone) and the SDK's
 * connections to the proxy are bounded by the JDK's keep-alive pool, and all of them close again by the end of the
 * suite. A fetch thread stuck on a socket would hold a connection open, so the connection count also catches leaked
 * fetches.
 *
 * <p>{@code dev.csvtest.localstack.LocalStackFaultInjectionTest} runs the same table ({@link S3Fault}) through the local
 * stack over HTTP.
 */
@Tag("faults")
class FaultInjectionTest {

    static final int ENVIRONMENTS = 10;
    static final int REQUESTS_PER_ENVIRONMENT = 10;
    static final int REPETITIONS = ENVIRONMENTS * REQUESTS_PER_ENVIRONMENT;

    /** What must never reach a client: our bucket and key, and the table's list of S3's and Java's words. */
    static final List<String> INTERNALS = Stream.concat(Stream.of(BUCKET, KEY, "missing-", "replaced-"),
            S3Fault.INTERNALS.stream()).toList();

    @RegisterExtension
    static final FaultSuite faults = FaultSuite.named("FAULTS", s3 -> s3.put(BUCKET, KEY, Fixtures.sampleCsv(), "text/csv"));

    @BeforeAll
    static void warmUp() {
        // Not measured: the JVM starts its virtual-thread carrier threads on first use, once per JVM.
        try (var handler = new CsvTestHandler(Fixtures.environment(faults.s3().endpoint()))) {
            assertThat(handler.handleRequest(Events.get(null), TestContext.standard()).getStatusCode()).isEqualTo(200);
        }
    }

    @AfterAll
    static void noConnectionLeft() {
        faults.assertNoConnectionLeft();
    }

    static Stream<Arguments> faults() {
        return Stream.of(S3Fault.values()).map(f -> Arguments.of(f.description(), f.expected(), f));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("faults")
    void fault_getsItsDocumentedStatus_100Times_withoutLeaks(String description, String expected, S3Fault fault)
            throws Exception {
        var row = faults.startRow();
        var proxy = row.proxy().mode(fault.mode());

        var pool = Executors.newFixedThreadPool(ENVIRONMENTS);
        var served = new ConcurrentLinkedQueue<Integer>();
        try {
            var environments = new ArrayList<Future<?>>();
            for (int e = 0; e < ENVIRONMENTS; e++) {
                int environment = e;
                environments.add(pool.submit((Callable<Void>) () -> {
                    runEnvironment(fault, proxy, environment, served);
                    return null;
                }));
            }
            joinAll(environments, Duration.ofMinutes(2));
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(served).hasSize(REPETITIONS);
        if (fault.mode() != Mode.REFUSE) {
            assertThat(proxy.requestCount()).as("requests that reached the proxy").isGreaterThanOrEqualTo(REPETITIONS);
        }
        faults.assertRowLeftNothing(row, served.size());
    }

    /** One execution environment: a handler serving its requests one after another, as Lambda does. */
    private static void runEnvironment(S3Fault fault, FaultyS3Proxy proxy, int environment, ConcurrentLinkedQueue<Integer> served) {
        var clock = new MutableClock();
        var key = switch (fault) {
            case MISSING_KEY -> "missing-" + environment + ".csv";
            case OBJECT_REPLACED -> "replaced-" + environment + ".csv";
            default -> KEY;
        };
        var revalidate = fault == S3Fault.OBJECT_REPLACED ? "60" : "0";
        try (var handler = new CsvTestHandler(Fixtures.environment(proxy.endpoint(), "CSV_KEY", key,
                "CACHE_REVALIDATE_SECONDS", revalidate), clock)) {
            String etag = null;
            if (fault == S3Fault.OBJECT_REPLACED) {
                faults.s3().put(BUCKET, key, bytes("version 0 of " + key + "\n"), "text/csv");
                var first = handler.handleRequest(Events.get(null), TestContext.standard());
                assertThat(first.getStatusCode()).isEqualTo(200);
                etag = first.getHeaders().get("ETag");
            }
            for (int r = 1; r <= REQUESTS_PER_ENVIRONMENT; r++) {
                String body = null;
                if (fault == S3Fault.OBJECT_REPLACED) {
                    body = "version " + r + " of " + key + "\n";
                    faults.s3().put(BUCKET, key, bytes(body), "text/csv");
                    clock.advance(Duration.ofSeconds(61)); // past CACHE_REVALIDATE_SECONDS
                }
                var context = TestContext.withTimeout(fault.timeout());
                long start = System.nanoTime();

                var response = handler.handleRequest(Events.get(null), context);

                var elapsed = Duration.ofNanos(System.nanoTime() - start);
                assertThat(elapsed).as("%s: answered within the function Timeout", fault.description()).isLessThan(fault.timeout());
                var line = singleLogLine(context);
                assertThat(line.get("status").asNumber()).isEqualTo(String.valueOf(fault.status()));
                if (fault == S3Fault.OBJECT_REPLACED) {
                    etag = assertReplaced(response, line, body, etag);
                } else {
                    assertFailure(fault, response, line, context);
                }
                served.add(r);
            }
        }
    }

    private static void assertFailure(S3Fault fault, APIGatewayV2HTTPResponse response,
            java.util.Map<String, software.amazon.awssdk.protocols.jsoncore.JsonNode> line, TestContext context) {
        assertProblem(response, fault.status(), fault.problem());
        assertThat(Fixtures.json(response.getBody()).get("requestId").asString()).isEqualTo(context.getAwsRequestId());
        for (var internal : INTERNALS) {
            assertThat(response.getBody()).as("problem body of %s", fault.description()).doesNotContain(internal);
        }
        if (fault.status() == 503) {
            assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
        }
        assertThat(line.get("problem").asString()).isEqualTo(fault.problem());
        assertThat(line.get("cause").asString()).as("the log names the cause").isNotBlank();
        assertThat(line.get("UpstreamError").asNumber()).isEqualTo("1");
        if (fault.mode().s3Code() != null) {
            assertThat(line.get("cause").asString()).contains(fault.mode().s3Code());
        }
    }

    private static String assertReplaced(APIGatewayV2HTTPResponse response,
            java.util.Map<String, software.amazon.awssdk.protocols.jsoncore.JsonNode> line, String body, String previousEtag) {
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo(body);
        var etag = response.getHeaders().get("ETag");
        assertThat(etag).isNotBlank().isNotEqualTo(previousEtag);
        assertThat(line.get("cache").asString()).isEqualTo("revalidated");
        assertThat(line.get("s3Status").asNumber()).isEqualTo("200");
        return etag;
    }

    private static java.util.Map<String, software.amazon.awssdk.protocols.jsoncore.JsonNode> singleLogLine(TestContext context) {
        var lines = context.logLines();
        assertThat(lines).as("log lines of one request").hasSize(1);
        assertThat(lines.getFirst()).doesNotContain("\n").doesNotContain("\r");
        var line = Fixtures.json(lines.getFirst());
        assertThat(line.get("requestId").asString()).isEqualTo(context.getAwsRequestId());
        return line;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
