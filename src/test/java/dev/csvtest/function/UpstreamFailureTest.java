package dev.csvtest.function;

import static dev.csvtest.function.CsvTestHandlerTest.assertProblem;
import static dev.csvtest.function.Fixtures.BUCKET;
import static dev.csvtest.function.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import dev.csvtest.s3.S3Endpoint;
import dev.csvtest.testkit.S3Backend;
import dev.csvtest.testkit.FaultyS3Proxy;
import dev.csvtest.testkit.TestContext;

/**
 * Each way S3 can fail gets its documented status, a problem body, and one log line with the request id, all
 * within the invocation's deadline (a 3 s function Timeout here).
 */
@Tag("s3-integration")
class UpstreamFailureTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private static S3Endpoint s3;

    @BeforeAll
    static void start() {
        s3 = S3Backend.start().put(BUCKET, KEY, Fixtures.sampleCsv(), "text/csv").createBucket("empty-bucket");
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Test
    void s3PortClosed_is502Unreachable() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        var response = invoke(URI.create("http://127.0.0.1:" + closedPort), 502, "upstream-unreachable");

        assertThat(response.getHeaders()).doesNotContainKey("Retry-After");
    }

    @Test
    void s3PortClosedAfterItWorked_is502Unreachable() {
        try (var proxy = FaultyS3Proxy.start(s3.port());
             var handler = new CsvTestHandler(Fixtures.environment(proxy.endpoint(), "CACHE_REVALIDATE_SECONDS", "0"))) {
            assertThat(handler.handleRequest(Events.get(null), TestContext.standard()).getStatusCode()).isEqualTo(200);
            proxy.mode(FaultyS3Proxy.Mode.REFUSE);

            assertFailsInTime(handler, 502, "upstream-unreachable");

            proxy.mode(FaultyS3Proxy.Mode.NORMAL);
            assertThat(handler.handleRequest(Events.get(null), TestContext.standard()).getStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void s3AcceptingButNeverAnswering_is504_withinTheDeadline() {
        try (var proxy = FaultyS3Proxy.start(s3.port()).mode(FaultyS3Proxy.Mode.BLACKHOLE)) {
            invoke(proxy.endpoint(), 504, "upstream-timeout");
            assertThat(proxy.requestCount()).isPositive();
        }
    }

    @Test
    void s3BlackholedDuringTheDelay_is504_withinTheDeadline() {
        try (var proxy = FaultyS3Proxy.start(s3.port()).mode(FaultyS3Proxy.Mode.BLACKHOLE);
             var handler = new CsvTestHandler(Fixtures.environment(proxy.endpoint()))) {
            var context = TestContext.withTimeout(TIMEOUT);
            long start = System.nanoTime();

            var response = handler.handleRequest(Events.get("delay=2"), context);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
            assertProblem(response, 504, "upstream-timeout");
        }
    }

    @Test
    void missingKey_is502() {
        invoke(s3.endpoint(), 502, "object-missing", "CSV_KEY", "no-such.csv");
    }

    @Test
    void missingBucket_is502() {
        invoke(s3.endpoint(), 502, "object-missing", "CSV_BUCKET", "no-such-bucket");
    }

    @Test
    void deniedKey_is502() {
        try (var stub = S3ErrorStub.start(403, "AccessDenied", "Access Denied")) {
            var response = invoke(stub.endpoint(), 502, "object-access-denied");

            assertThat(response.getBody()).doesNotContain(BUCKET).doesNotContain("Access Denied");
        }
    }

    /**
     * The SDK retries throttling with a full-jitter backoff of up to 1 s and then 2 s (3 attempts), so an invocation
     * needs more than 3 s left to see S3's answer at all; with less it is, correctly, a 504. A function with our
     * 25 s Timeout always has the room, so this case runs with a budget that does too.
     */
    private static final Duration THROTTLED_TIMEOUT = Duration.ofSeconds(6);

    @Test
    void throttled_is503WithRetryAfter() {
        try (var stub = S3ErrorStub.start(503, "SlowDown", "Please reduce your request rate.");
             var handler = new CsvTestHandler(Fixtures.environment(stub.endpoint()))) {
            var response = assertFailsInTime(handler, 503, "upstream-throttled", THROTTLED_TIMEOUT);

            assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
        }
    }

    @Test
    void otherS3Error_is502() {
        try (var stub = S3ErrorStub.start(400, "InvalidRequest", "Bad request")) {
            invoke(stub.endpoint(), 502, "upstream-error");
        }
    }

    @Test
    void logLine_isOneLine_evenWhenS3SaysSomethingWithLineBreaks() {
        try (var stub = S3ErrorStub.start(403, "AccessDenied", "line one&#13;&#10;csv-test requestId=forged status=200")) {
            var context = TestContext.withTimeout(TIMEOUT);
            try (var handler = new CsvTestHandler(Fixtures.environment(stub.endpoint()))) {
                handler.handleRequest(Events.get(null), context);
            }

            assertThat(context.logLines()).singleElement().satisfies(line -> {
                assertThat(line).doesNotContain("\n").doesNotContain("\r");
                var entry = Fixtures.json(line);
                assertThat(entry.get("requestId").asString()).isEqualTo(context.getAwsRequestId());
                assertThat(entry.get("status").asNumber()).isEqualTo("502");
                assertThat(entry.get("cause").asString()).contains("csv-test requestId=forged");
            });
        }
    }

    private static APIGatewayV2HTTPResponse invoke(URI endpoint, int status, String type, String... env) {
        try (var handler = new CsvTestHandler(Fixtures.environment(endpoint, env))) {
            return assertFailsInTime(handler, status, type);
        }
    }

    private static APIGatewayV2HTTPResponse assertFailsInTime(CsvTestHandler handler, int status, String type) {
        return assertFailsInTime(handler, status, type, TIMEOUT);
    }

    private static APIGatewayV2HTTPResponse assertFailsInTime(CsvTestHandler handler, int status, String type,
            Duration timeout) {
        var context = TestContext.withTimeout(timeout);
        long start = System.nanoTime();

        var response = handler.handleRequest(Events.get(null), context);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout);
        assertProblem(response, status, type);
        assertThat(Fixtures.json(response.getBody()).get("requestId").asString()).isEqualTo(context.getAwsRequestId());
        assertThat(context.logLines()).singleElement().satisfies(line -> {
            var entry = Fixtures.json(line);
            assertThat(entry.get("requestId").asString()).isEqualTo(context.getAwsRequestId());
            assertThat(entry.get("status").asNumber()).isEqualTo(String.valueOf(status));
            assertThat(entry.get("problem").asString()).isEqualTo(type);
            assertThat(entry.get("cause").asString()).isNotBlank();
        });
        return response;
    }
}
