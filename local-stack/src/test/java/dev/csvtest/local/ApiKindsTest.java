package dev.csvtest.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.csvtest.local.fixtures.V1ResponseHandler;
import dev.csvtest.testkit.LogCapture;
import tools.jackson.databind.json.JsonMapper;

/**
 * REST APIs and HTTP API payload 1.0 over real HTTP, against the fixture template's {@code RestApi} (stage
 * {@code dev}), the implicit {@code ServerlessRestApi} and the HTTP API routes with {@code PayloadFormatVersion: '1.0'};
 * plus what the front end does for both kinds: header names as the function wrote them, HEAD, the header quota.
 */
class ApiKindsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final LogCapture log = new LogCapture();
    @RegisterExtension
    static final RunningStack local = RunningStack.serving(LocalStackApiTest.FIXTURES, log);

    private static Map<?, ?> json(String text) {
        return JSON.readValue(text, Map.class);
    }

    // ---- REST API events ---------------------------------------------------------------------------------------

    @Test
    void restEvent_hasTheProxyIntegrationShape_withStagePrefixedContextPath() {
        var reply = local.http().send(local.http().request("/rest/items/42?a=1&a=2&b=x%20y")
                .header("X-Multi", "one").header("X-Multi", "two").header("User-Agent", "probe/1.0").GET().build());
        assertThat(reply.status()).isEqualTo(200);
        var event = json(reply.text());
        assertThat(event.containsKey("version")).isFalse();
        assertThat(event.get("resource")).isEqualTo("/rest/items/{id}");
        assertThat(event.get("path")).isEqualTo("/rest/items/42");
        assertThat(event.get("httpMethod")).isEqualTo("GET");
        assertThat(event.get("pathParameters")).isEqualTo(Map.of("id", "42"));
        assertThat(event.get("stageVariables")).isEqualTo(Map.of("STAGE_VAR", "from-stage"));
        assertThat(event.get("queryStringParameters")).isEqualTo(Map.of("a", "2", "b", "x y"));
        assertThat(event.get("multiValueQueryStringParameters")).isEqualTo(Map.of("a", List.of("1", "2"), "b", List.of("x y")));
        var headers = (Map<?, ?>) event.get("headers");
        var multi = (Map<?, ?>) event.get("multiValueHeaders");
        assertThat(headers.get("X-Multi")).isEqualTo("two");                  // names as sent, the last value
        assertThat(multi.get("X-Multi")).isEqualTo(List.of("one", "two"));
        assertThat(headers.get("User-Agent")).isEqualTo("probe/1.0");
        assertThat(headers.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(event.get("body")).isNull();
        assertThat(event.get("isBase64Encoded")).isEqualTo(false);

        var context = (Map<?, ?>) event.get("requestContext");
        assertThat(context.get("resourcePath")).isEqualTo("/rest/items/{id}");
        assertThat(context.get("httpMethod")).isEqualTo("GET");
        assertThat(context.get("path")).isEqualTo("/dev/rest/items/42");
        assertThat(context.get("stage")).isEqualTo("dev");
        assertThat((String) context.get("requestId")).matches("[0-9a-f-]{36}").isEqualTo(reply.header("x-amzn-RequestId"));
        assertThat(context.get("extendedRequestId")).isEqualTo(reply.header("x-amz-apigw-id"));
        assertThat((String) context.get("requestTime")).matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000");
        assertThat(context.get("requestTimeEpoch")).isInstanceOf(Number.class);
        assertThat(context.get("protocol")).isEqualTo("HTTP/1.1");
        assertThat(context.get("accountId")).isEqualTo("123456789012");
        assertThat(context.get("apiId")).isEqualTo("localapi01");
        assertThat((String) context.get("resourceId")).matches("[a-z0-9]{6}");
        assertThat(context.get("domainName")).isEqualTo("127.0.0.1");
        var identity = (Map<?, ?>) context.get("identity");
        assertThat(identity.get("sourceIp")).isEqualTo("127.0.0.1");
        assertThat(identity.get("userAgent")).isEqualTo("probe/1.0");
        assertThat(identity.containsKey("caller")).isTrue();
    }

    @Test
    void restRouting_greedyProxyAndAny_implicitApiOnStageProd_andBinaryRequestBodies() {
        var proxy = json(local.http().send(local.http().request("/rest/a/b/c").header("Content-Type", "text/plain")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("héllo")).build()).text());
        assertThat(proxy.get("resource")).isEqualTo("/rest/{proxy+}");
        assertThat(proxy.get("httpMethod")).isEqualTo("PATCH");
        assertThat(proxy.get("pathParameters")).isEqualTo(Map.of("proxy", "a/b/c"));
        assertThat(proxy.get("body")).isEqualTo("héllo");
        assertThat(proxy.get("queryStringParameters")).isNull();

        // A literal-then-parameter route beats the greedy one; another method on it falls back to ANY /rest/{proxy+}.
        assertThat(json(local.http().send(local.http().request("/rest/items/7").DELETE().build()).text()).get("resource"))
                .isEqualTo("/rest/{proxy+}");

        // BinaryMediaTypes: image/png on RestApi: such a body goes base64
        var png = json(local.http().send(local.http().request("/rest/upload").header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, (byte) 0xff})).build()).text());
        assertThat(png.get("isBase64Encoded")).isEqualTo(true);
        assertThat(png.get("body")).isEqualTo("AQL/");

        var implicit = json(local.http().send(local.http().request("/rest-implicit").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()).text());
        assertThat(((Map<?, ?>) implicit.get("requestContext")).get("stage")).isEqualTo("Prod");
        assertThat(((Map<?, ?>) implicit.get("requestContext")).get("path")).isEqualTo("/Prod/rest-implicit");
        assertThat(implicit.get("stageVariables")).isNull();
        assertThat(implicit.get("isBase64Encoded")).isEqualTo(false);
    }

    // ---- REST API responses and errors ------------------------------------------------------------------------

    @Test
    void restResponse_multiValueHeadersMerged_binaryDecodedOnlyForABinaryAccept() {
        var binary = local.http().send(local.http().request("/rest/binary").header("Accept", "image/png").GET().build());
        assertThat(binary.status()).isEqualTo(202);
        assertThat(binary.body()).containsExactly(V1ResponseHandler.BODY);
        assertThat(binary.all("set-cookie")).containsExactly("a=1", "b=2");
        assertThat(binary.all("x-both")).containsExactly("m1", "m2");      // multiValueHeaders win for a name in both
        assertThat(binary.header("etag")).isEqualTo("\"v1\"");

        var text = local.http().send(local.http().request("/rest/binary").header("Accept", "text/html,image/png").GET().build());
        assertThat(text.text()).isEqualTo("AAEC/v8=");                        // only the first Accept type counts
    }

    @Test
    void restErrors_areRestApisOwn() {
        var thrown = local.http().get("/rest/throw");
        assertThat(thrown.status()).isEqualTo(502);
        assertThat(thrown.text()).isEqualTo("{\"message\": \"Internal server error\"}");
        assertThat(thrown.header("x-amzn-RequestId")).isNotBlank();

        var malformed = local.http().get("/rest/malformed");
        assertThat(malformed.status()).isEqualTo(502);
        assertThat(malformed.text()).isEqualTo("{\"message\": \"Internal server error\"}");
        assertThat(log.matching("malformed Lambda proxy response (unknown key extra): answering 502")).hasSize(1);

        var slow = local.http().get("/rest/slow?ms=3000");
        assertThat(slow.status()).isEqualTo(504);
        assertThat(slow.text()).isEqualTo("{\"message\": \"Endpoint request timed out\"}");
        assertThat(slow.millis()).isBetween(950L, 2500L);
    }

    @Test
    void restCors_optionsIsSamsMockIntegration_forEveryPathOfTheApi() {
        var preflight = local.http().send(local.http().request("/rest/items/3").header("Origin", "https://app.example")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        CorsAndRestOnlyTest.assertPreflight(preflight, 200, "https://app.example", "GET,OPTIONS", "content-type,x-custom",
                "600");
        var any = local.http().send(local.http().request("/rest/x/y").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(any.header("access-control-allow-methods")).isEqualTo("DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT");
        // A REST API adds nothing to the function's own responses.
        var get = local.http().send(local.http().request("/rest/items/3").header("Origin", "https://app.example").GET().build());
        assertThat(get.header("access-control-allow-origin")).isNull();
    }

    // ---- HTTP API payload 1.0 ---------------------------------------------------------------------------------

    @Test
    void httpApiPayloadV1_event_hasVersion10_andHttpApisContext() {
        var reply = local.http().send(local.http().request("/v1/echo/9?q=1").header("Cookie", "c=1").GET().build());
        assertThat(reply.status()).isEqualTo(200);
        var event = json(reply.text());
        assertThat(event.get("version")).isEqualTo("1.0");
        assertThat(event.get("resource")).isEqualTo("/v1/echo/{id}");
        assertThat(event.get("path")).isEqualTo("/v1/echo/9");
        assertThat(event.get("pathParameters")).isEqualTo(Map.of("id", "9"));
        assertThat(((Map<?, ?>) event.get("headers")).get("Cookie")).isEqualTo("c=1");
        var context = (Map<?, ?>) event.get("requestContext");
        assertThat(context.get("stage")).isEqualTo("$default");
        assertThat(context.get("path")).isEqualTo("/v1/echo/9");
        assertThat(context.get("resourceId")).isNull();
        assertThat(context.get("requestId")).isEqualTo(reply.header("apigw-requestid"));
        assertThat(reply.header("x-amzn-RequestId")).isNull();
    }

    @Test
    void httpApiPayloadV1_response_decodesBase64Always_andMalformedIs500() {
        var reply = local.http().get("/v1/binary");
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body()).containsExactly(V1ResponseHandler.BODY);
        assertThat(reply.all("x-both")).containsExactly("m1", "m2");
        var malformed = local.http().get("/v1/malformed");     // HTTP APIs skip unknown keys
        assertThat(malformed.status()).isEqualTo(200);
        assertThat(malformed.text()).isEqualTo("ok");
    }

    // ---- the front end ----------------------------------------------------------------------------------------

    @Test
    void responseHeaderNames_keepTheCaseTheFunctionGave() throws Exception {
        String head = local.http().raw(local.stack().port(), "GET /rest/binary HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: image/png\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 202 ");
        assertThat(head).contains("\r\nContent-Type: image/png\r\n", "\r\nETag: \"v1\"\r\n", "\r\nx-Lower-Then-Upper: yes\r\n",
                "\r\nSet-Cookie: a=1\r\n", "\r\nSet-Cookie: b=2\r\n");
        String v2 = local.http().raw(local.stack().port(), "GET /cookies HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(v2).contains("\r\ncontent-type: application/octet-stream\r\n", "\r\nx-fixture: cookies\r\n");
    }

    @Test
    void head_matchesOnlyHeadOrAnyRoutes_andGetsNoBody() throws Exception {
        // GET /echo only: HEAD is another method (HTTP API: 404). ANY /echo/{id}: HEAD reaches the function, no body.
        assertThat(local.http().send(local.http().request("/echo").method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).status())
                .isEqualTo(404);
        String head = local.http().raw(local.stack().port(), "HEAD /echo/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 200 ").contains("Content-Length: ").endsWith("\r\n\r\n");
        var rest = local.http().send(local.http().request("/rest/items/1").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(rest.status()).isEqualTo(200);        // ANY /rest/{proxy+} takes it
        assertThat(rest.body()).isEmpty();
    }

    @Test
    void requestLineAndHeadersOver10240Bytes_get431() throws Exception {
        String fits = "GET /inferred HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "v".repeat(9_000) + "\r\n\r\n";
        assertThat(local.http().raw(local.stack().port(), fits)).startsWith("HTTP/1.1 200 ");
        String over = "GET /inferred HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "v".repeat(10_300) + "\r\n\r\n";
        assertThat(local.http().raw(local.stack().port(), over)).startsWith("HTTP/1.1 431 ");
        assertThat(local.http().get("/inferred").status()).isEqualTo(200);
    }

    @Test
    void chunkedRequestBodies_reachTheFunction() {
        // An InputStream body of unknown length goes out with Transfer-Encoding: chunked.
        var reply = local.http().send(local.http().request("/rest/chunked").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream("abc-de".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)))).build());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(json(reply.text()).get("body")).isEqualTo("abc-de");
    }
}
