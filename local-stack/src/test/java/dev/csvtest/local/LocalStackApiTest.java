package dev.csvtest.local;

import dev.csvtest.testkit.HttpProbe;
import dev.csvtest.testkit.LogCapture;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.json.JsonMapper;

/**
 * The local stack as a user sees it, over real HTTP on a free port, against fixture handlers: every HTTP API cell of
 * the error table in {@link dev.csvtest.local.gateway.HttpApiGateway}, the payload 2.0 shape, and Lambda's execution model (environments, reuse, cold/warm,
 * throttling, timeouts).
 */
class LocalStackApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final Path FIXTURES = Path.of("src/test/resources/local/fixtures-template.yaml");

    private final LogCapture log = new LogCapture();
    @RegisterExtension
    final RunningStack local = RunningStack.serving(FIXTURES, log);

    // ---- the error table -------------------------------------------------------------------------------------

    @Test
    void unmatchedRoute_answers404NotFound() {
        var reply = local.http().get("/nope?delay=1");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.text()).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(reply.header("content-type")).isEqualTo("application/json");
        assertThat(reply.header("apigw-requestid")).isNotBlank();
        // A route exists for GET /slow only: another method on it is unmatched too.
        assertThat(local.http().send(local.http().request("/slow").DELETE().build()).status()).isEqualTo(404);
    }

    @Test
    void handlerThrows_answers500_andLogsLambdasErrorShape() {
        var reply = local.http().get("/throw");
        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.text()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        var errorLine = log.matching("\"errorType\":\"java.lang.IllegalStateException\"");
        assertThat(errorLine).hasSize(1);
        var error = (Map<?, ?>) JSON.readValue(errorLine.getFirst(), Object.class);
        assertThat(error.get("errorMessage")).isEqualTo("boom from the throwing fixture");
        assertThat((List<?>) error.get("stackTrace")).first().asString().contains("ThrowingHandler.handleRequest");
        // The environment survives an exception (as in Lambda's Java runtime): the next call is warm.
        local.http().get("/throw");
        assertThat(log.matching("ThrowingFunction#1 warm")).singleElement().asString().contains("GET /throw 500");
    }

    @Test
    void functionTimeout_answers500_andTheEnvironmentIsDiscardedNeverReused() {
        var reply = local.http().get("/slow?ms=4000");
        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.text()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(reply.millis()).isBetween(950L, 3000L);   // Timeout: 1 s, far below the 4 s sleep
        assertThat(log.matching("Task timed out after 1.00 seconds")).hasSize(1);
        assertThat(log.matching("SlowFunction#1 discarded").size() + log.matching("environment SlowFunction#1 discarded").size())
                .isPositive();

        var next = local.http().get("/slow?ms=0");
        assertThat(next.status()).isEqualTo(200);
        assertThat(log.matching("GET /slow?ms=0 200")).singleElement().asString().contains("SlowFunction#2 cold");
        assertThat(local.stack().function("SlowFunction").environments()).isEqualTo(1);
    }

    @Test
    void integrationTimeout_answers503_afterTheRoutesTimeoutInMillis() {
        var reply = local.http().get("/slow-integration?ms=3000");
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.text()).isEqualTo("{\"message\":\"Service Unavailable\"}");
        assertThat(reply.millis()).isBetween(950L, 2500L);   // TimeoutInMillis: 1000; the function would take 3 s
        assertThat(log.matching("integration timeout after 1000 ms")).hasSize(1);
    }

    @Test
    void integrationTimeout_stackWideDefaultAndStatusAreConfigurable() {
        try (var other = LocalStack.start(RunningStack.options(FIXTURES, log)
                .integrationTimeout(Duration.ofMillis(700)).integrationTimeoutStatus(504).build());
             var client = new HttpProbe(other.url())) {
            var reply = client.get("/throttled?ms=2500");
            assertThat(reply.status()).isEqualTo(504);
            assertThat(reply.text()).isEqualTo("{\"message\":\"Gateway Timeout\"}");
            assertThat(reply.millis()).isBetween(650L, 2200L);
        }
    }

    @Test
    void responseOver6MB_isAFunctionError_answered500_neverPassedThrough() {
        var reply = local.http().get("/huge");
        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.text()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(log.matching("\"errorType\":\"Function.ResponseSizeTooLarge\"")).hasSize(1);
        assertThat(log.matching("(6291556 bytes)")).hasSize(1);

        var under = local.http().get("/huge?bytes=6000000");
        assertThat(under.status()).isEqualTo(200);
        assertThat(under.body()).hasSize(6_000_000);
    }

    @Test
    void responseWithoutStatusCode_is200ApplicationJson_withTheResponseAsBody() {
        var reply = local.http().get("/inferred");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("content-type")).isEqualTo("application/json");
        assertThat(JSON.readValue(reply.text(), Object.class)).isEqualTo(Map.of("hello", "world", "rawPath", "/inferred"));
    }

    @Test
    void cookies_becomeOneSetCookieHeaderEach_andBase64BodiesAreDecoded() {
        var reply = local.http().get("/cookies");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.all("set-cookie")).containsExactly("session=abc; Path=/; HttpOnly", "theme=dark");
        assertThat(reply.header("x-fixture")).isEqualTo("cookies");
        assertThat(reply.header("content-type")).isEqualTo("application/octet-stream");
        assertThat(reply.body()).containsExactly(0, 1, 2, 0xfe, 0xff);
    }

    @Test
    void lambdaThrottling_aboveReservedConcurrency_answers500_andIsConfigurable() throws Exception {
        // ReservedConcurrentExecutions: 2. Two slow calls take both; the third is throttled at once.
        var first = local.http().getAsync("/throttled?ms=1500");
        var second = local.http().getAsync("/throttled?ms=1500");
        awaitInUse("ThrottledFunction", 2);
        var third = local.http().get("/throttled?ms=0");
        assertThat(third.status()).isEqualTo(500);
        assertThat(third.text()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(third.millis()).isLessThan(1000);
        assertThat(log.matching("ThrottledFunction throttled")).hasSize(1);
        assertThat(first.get().status()).isEqualTo(200);
        assertThat(second.get().status()).isEqualTo(200);
        assertThat(local.http().get("/throttled?ms=0").status()).isEqualTo(200);   // capacity is back

        try (var other = LocalStack.start(RunningStack.options(FIXTURES, log)
                .lambdaThrottleStatus(429).build());
             var client = new HttpProbe(other.url())) {
            var a = client.getAsync("/throttled?ms=1500");
            var b = client.getAsync("/throttled?ms=1500");
            awaitInUse(other, "ThrottledFunction", 2);
            var throttled = client.get("/throttled");
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.text()).isEqualTo("{\"message\":\"Too Many Requests\"}");
            CompletableFuture.allOf(a, b).get();
        }
    }

    @Test
    void accountConcurrencyLimit_throttlesFunctionsWithoutReservation() throws Exception {
        try (var other = LocalStack.start(RunningStack.options(FIXTURES, log)
                .concurrencyLimit(3).build());     // 2 reserved by ThrottledFunction, 1 left
             var client = new HttpProbe(other.url())) {
            var slow = client.getAsync("/state?ms=1500");
            awaitInUse(other, "StaticStateFunction", 1);
            assertThat(client.get("/inferred").status()).isEqualTo(500);
            assertThat(slow.get().status()).isEqualTo(200);
        }
    }

    // ---- the execution model ---------------------------------------------------------------------------------

    @Test
    void staticState_isPerEnvironment_twoConcurrentRequestsSeeTwo_andALaterOneReusesAWarmOne() throws Exception {
        var a = local.http().getAsync("/state?ms=800");
        var b = local.http().getAsync("/state?ms=800");
        String[] first = a.get().text().split(" ");
        String[] second = b.get().text().split(" ");
        assertThat(first[0]).isNotEqualTo(second[0]);          // two class loaders, two copies of the static id
        assertThat(first[1]).isEqualTo("1");
        assertThat(second[1]).isEqualTo("1");

        String[] later = local.http().get("/state").text().split(" ");
        assertThat(later[0]).isIn(first[0], second[0]);        // a warm environment was reused...
        assertThat(later[1]).isEqualTo("2");                   // ...with its static state intact
        assertThat(local.stack().function("StaticStateFunction").environments()).isEqualTo(2);
    }

    @Test
    void coldAndWarmStarts_areReportedInTheRequestLog_withInitDuration() {
        local.http().get("/state");
        log.matching("GET /state 200");
        local.http().get("/state");
        log.matching("StaticStateFunction#1 warm");
        var lines = log.matching("GET /state 200");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches(".* StaticStateFunction#1 cold init=\\d+ms");
        assertThat(lines.get(1)).endsWith("StaticStateFunction#1 warm");
        assertThat(lines.get(0)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d+ GET /state 200 \\d+ ms .*");
    }

    @Test
    void context_givesACountingDownRemainingTime_andTheFunctionsIdentity() {
        var reply = local.http().get("/slow-integration?ms=300");
        assertThat(reply.status()).isEqualTo(200);
        var values = new java.util.HashMap<String, String>();
        reply.text().lines().forEach(l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        int before = Integer.parseInt(values.get("remainingBefore"));
        int after = Integer.parseInt(values.get("remainingAfter"));
        assertThat(before).isBetween(8_000, 10_000);           // Timeout: 10
        assertThat(before - after).isBetween(290, 2_000);      // really counts down across the 300 ms sleep
        assertThat(values.get("requestId")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(values.get("functionName")).isEqualTo("local-SlowBehindShortIntegrationFunction");
        assertThat(values.get("version")).isEqualTo("$LATEST");
        assertThat(values.get("memory")).isEqualTo("256");     // Globals.Function.MemorySize
        assertThat(values.get("logGroup")).isEqualTo("/aws/lambda/local-SlowBehindShortIntegrationFunction");
        assertThat(values.get("logStream")).matches("\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST][0-9a-f]{32}");
        assertThat(values.get("arn")).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:local-SlowBehindShortIntegrationFunction");
    }

    @Test
    void environment_reachesTheMapConstructor_withTemplateValuesResolved() {
        var reply = local.http().get("/env?names=GLOBAL_VAR,GREETING,OWN_VAR,BUCKET_NAME,BUCKET_ARN,JOINED,AWS_REGION,"
                + "AWS_LAMBDA_FUNCTION_NAME,AWS_LAMBDA_FUNCTION_MEMORY_SIZE,AWS_SAM_LOCAL,AWS_ENDPOINT_URL_S3");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).contains(
                "GLOBAL_VAR=from-globals\n", "GREETING=hello\n", "OWN_VAR=us-east-1-hello\n",
                "BUCKET_NAME=local-fixturebucket\n", "BUCKET_ARN=arn:aws:s3:::local-fixturebucket\n", "JOINED=a/hello/c\n",
                "AWS_REGION=us-east-1\n", "AWS_LAMBDA_FUNCTION_NAME=local-EnvironmentFunction\n",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE=256\n", "AWS_SAM_LOCAL=true\n",
                "AWS_ENDPOINT_URL_S3=" + local.stack().s3().orElseThrow().endpoint() + "\n");
    }

    // ---- payload 2.0 -----------------------------------------------------------------------------------------

    @Test
    void payloadV2_event_hasExactlyHttpApisShape() {
        long before = Instant.now().toEpochMilli();
        var reply = local.http().send(local.http().request("/echo?b=2&a=1&a=x%20y&flag&e=%26")
                .header("X-Multi", "one")
                .header("X-Multi", "two")
                .header("Cookie", "c1=v1; c2=v2")
                .header("User-Agent", "probe/1.0")
                .GET().build());
        assertThat(reply.status()).isEqualTo(200);
        var event = (Map<?, ?>) JSON.readValue(reply.text(), Object.class);

        assertThat(event.get("version")).isEqualTo("2.0");
        assertThat(event.get("routeKey")).isEqualTo("GET /echo");
        assertThat(event.get("rawPath")).isEqualTo("/echo");
        assertThat(event.get("rawQueryString")).isEqualTo("b=2&a=1&a=x%20y&flag&e=%26");
        assertThat(event.get("cookies")).isEqualTo(List.of("c1=v1", "c2=v2"));
        var headers = (Map<?, ?>) event.get("headers");
        assertThat(headers.keySet()).allSatisfy(k -> assertThat((String) k).isLowerCase());
        assertThat(headers.get("x-multi")).isEqualTo("one,two");
        assertThat(headers.get("user-agent")).isEqualTo("probe/1.0");
        assertThat(headers.get("host")).isEqualTo("127.0.0.1:" + local.stack().port());
        assertThat(headers.get("x-forwarded-proto")).isEqualTo("http");
        assertThat(headers.containsKey("cookie")).isFalse();
        assertThat(event.get("queryStringParameters")).isEqualTo(Map.of("a", "1,x y", "b", "2", "flag", "", "e", "&"));
        assertThat(event.get("isBase64Encoded")).isEqualTo(false);
        assertThat(event.containsKey("body")).isFalse();
        assertThat(event.containsKey("pathParameters")).isFalse();

        var context = (Map<?, ?>) event.get("requestContext");
        assertThat(context.get("accountId")).isEqualTo("123456789012");
        assertThat(context.get("apiId")).isEqualTo("localapi01");
        assertThat(context.get("domainName")).isEqualTo("127.0.0.1");
        assertThat(context.get("domainPrefix")).isEqualTo("127");
        assertThat(context.get("requestId")).isEqualTo(reply.header("apigw-requestid"));
        assertThat(context.get("routeKey")).isEqualTo("GET /echo");
        assertThat(context.get("stage")).isEqualTo("$default");
        assertThat((String) context.get("time")).matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000");
        assertThat(((Number) context.get("timeEpoch")).longValue()).isBetween(before - 1000, Instant.now().toEpochMilli());
        var httpContext = (Map<?, ?>) context.get("http");
        assertThat(httpContext.get("method")).isEqualTo("GET");
        assertThat(httpContext.get("path")).isEqualTo("/echo");
        assertThat(httpContext.get("protocol")).isEqualTo("HTTP/1.1");
        assertThat(httpContext.get("sourceIp")).isEqualTo("127.0.0.1");
        assertThat(httpContext.get("userAgent")).isEqualTo("probe/1.0");
    }

    @Test
    void payloadV2_event_carriesPathParameters_andBodiesTextOrBase64() {
        var text = (Map<?, ?>) JSON.readValue(local.http().send(local.http().request("/echo/42")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"k\":1}")).build()).text(), Object.class);
        assertThat(text.get("routeKey")).isEqualTo("ANY /echo/{id}");
        assertThat(text.get("pathParameters")).isEqualTo(Map.of("id", "42"));
        assertThat(text.get("body")).isEqualTo("{\"k\":1}");
        assertThat(text.get("isBase64Encoded")).isEqualTo(false);
        assertThat(text.containsKey("queryStringParameters")).isFalse();
        assertThat(text.get("rawQueryString")).isEqualTo("");

        var binary = (Map<?, ?>) JSON.readValue(local.http().send(local.http().request("/echo/7")
                .header("content-type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, (byte) 0xff})).build()).text(), Object.class);
        assertThat(binary.get("isBase64Encoded")).isEqualTo(true);
        assertThat(Base64.getDecoder().decode((String) binary.get("body"))).containsExactly(1, 2, 0xff);
    }

    // ---- the front end ---------------------------------------------------------------------------------------

    @Test
    void malformedRequestsAndSlowClients_doNotWedgeTheServer() throws Exception {
        // The JDK server rejects these itself (400 for a broken line, 404 for a target that is no path).
        assertThat(local.http().raw(local.stack().port(), "GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 4");
        assertThat(local.http().raw(local.stack().port(), "THIS IS NOT HTTP\r\n\r\n")).startsWith("HTTP/1.1 4");
        try (var slow = new java.net.Socket("127.0.0.1", local.stack().port())) {
            slow.getOutputStream().write("GET /echo HTTP/1.1\r\nHost: x\r\n".getBytes(UTF_8));   // never finishes
            var fine = local.http().get("/inferred");
            assertThat(fine.status()).isEqualTo(200);
            assertThat(fine.millis()).isLessThan(2000);
        }
    }

    private void awaitInUse(String function, int count) throws InterruptedException {
        awaitInUse(local.stack(), function, count);
    }

    private static void awaitInUse(LocalStack stack, String function, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (stack.function(function).pool().inUse() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(function + " never reached " + count + " in-flight invocations");
            }
            Thread.sleep(5);
        }
    }
}
