package dev.csvtest.local.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.csvtest.local.lambda.Payload;

import dev.csvtest.local.template.ApiSpec;
import dev.csvtest.local.template.RouteSpec;

/** Payload format 1.0 event building and response mapping, for both API kinds, without a server. */
class PayloadV1Test {

    private static final ApiSpec REST = new ApiSpec("Api", ApiSpec.Kind.REST, "v1", Map.of("k", "v"), Optional.empty(),
            List.of("application/octet-stream"));
    private static final ApiSpec HTTP = ApiSpec.implicitHttpApi();
    private static final Instant NOW = Instant.parse("2024-03-04T19:15:17.135Z");

    private final List<String> log = new ArrayList<>();

    private static IncomingRequest request(String contentType, byte[] body) {
        var headers = new LinkedHashMap<String, List<String>>();
        headers.put("Host", List.of("localhost:3000"));
        headers.put("x-Multi", List.of("a", "b"));
        if (contentType != null) {
            headers.put("Content-Type", List.of(contentType));
        }
        return new IncomingRequest("POST", "/pets/7", "name=a&name=b&flag", headers, "HTTP/1.1", "10.0.0.1", 3000, body);
    }

    @Test
    void restEvent_fieldsAndNulls() {
        var route = new RouteSpec("POST", "/pets/{id}", Optional.empty(), REST, "1.0");
        var ids = new PayloadV1Event.RequestIds("req-uuid", "ext=");
        var event = PayloadV1Event.build(request(null, new byte[0]), route, Map.of("id", "7"), ids, NOW);
        assertThat(event).doesNotContainKey("version");
        assertThat(event.get("headers")).isEqualTo(Map.of("Host", "localhost:3000", "x-Multi", "b", "X-Forwarded-For", "10.0.0.1",
                "X-Forwarded-Port", "3000", "X-Forwarded-Proto", "http", "X-Amzn-Trace-Id",
                ((Map<?, ?>) event.get("headers")).get("X-Amzn-Trace-Id")));
        assertThat(((Map<?, ?>) event.get("multiValueHeaders")).get("x-Multi")).isEqualTo(List.of("a", "b"));
        assertThat(event.get("queryStringParameters")).isEqualTo(Map.of("name", "b", "flag", ""));
        assertThat(event.get("multiValueQueryStringParameters")).isEqualTo(Map.of("name", List.of("a", "b"), "flag", List.of("")));
        assertThat(event.get("stageVariables")).isEqualTo(Map.of("k", "v"));
        assertThat(event.get("body")).isNull();
        assertThat(event).containsEntry("isBase64Encoded", false);
        var context = (Map<?, ?>) event.get("requestContext");
        assertThat(context.get("path")).isEqualTo("/v1/pets/7");
        assertThat(context.get("requestId")).isEqualTo("req-uuid");
        assertThat(context.get("extendedRequestId")).isEqualTo("ext=");
        assertThat(context.get("requestTime")).isEqualTo("04/Mar/2024:19:15:17 +0000");
        assertThat(context.get("requestTimeEpoch")).isEqualTo(1709579717135L);
        assertThat(context.get("domainName")).isEqualTo("localhost");
        assertThat(context.get("resourceId")).isEqualTo(PayloadV1Event.resourceId("/pets/{id}"));
    }

    @Test
    void bodies_restByBinaryMediaTypes_httpByTextOrNot() {
        var restRoute = new RouteSpec("POST", "/pets/{id}", Optional.empty(), REST, "1.0");
        var httpRoute = new RouteSpec("POST", "/pets/{id}", Optional.empty(), HTTP, "1.0");
        var ids = PayloadV1Event.RequestIds.of(ApiSpec.Kind.REST);
        byte[] bytes = {1, 2, 3};
        assertThat(PayloadV1Event.build(request("application/octet-stream", bytes), restRoute, Map.of(), ids, NOW))
                .containsEntry("isBase64Encoded", true).containsEntry("body", "AQID");
        assertThat(PayloadV1Event.build(request("image/png", "abc".getBytes(UTF_8)), restRoute, Map.of(), ids, NOW))
                .containsEntry("isBase64Encoded", false).containsEntry("body", "abc");
        var http = PayloadV1Event.build(request("image/png", bytes), httpRoute, Map.of(), ids, NOW);
        assertThat(http).containsEntry("version", "1.0").containsEntry("isBase64Encoded", true).containsEntry("body", "AQID");
        assertThat(((Map<?, ?>) http.get("requestContext")).get("resourceId")).isNull();
        assertThat(((Map<?, ?>) http.get("requestContext")).get("path")).isEqualTo("/pets/7");
    }

    @Test
    void restIds_areAUuidAndAShortId_httpIdsOneShortId() {
        var rest = PayloadV1Event.RequestIds.of(ApiSpec.Kind.REST);
        assertThat(rest.requestId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(rest.extendedRequestId()).hasSize(16);
        var http = PayloadV1Event.RequestIds.of(ApiSpec.Kind.HTTP);
        assertThat(http.requestId()).isEqualTo(http.extendedRequestId());
    }

    private GatewayReply map(String payload, ApiSpec api, String accept) {
        return PayloadV1Response.map(new Payload.Json(payload.getBytes(UTF_8)), api, accept, log::add);
    }

    @Test
    void response_headersMerged_multiValueWinsForANameInBoth_caseKept_restDefaultsContentType() {
        var reply = map("""
                {"statusCode": 201, "headers": {"X-One": "1", "x-both": "h"}, "multiValueHeaders": {"X-Both": ["m1", "m2"]},
                 "body": "hi"}""", REST, null);
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.headers()).containsExactly(Map.entry("X-Both", "m1"), Map.entry("X-Both", "m2"), Map.entry("X-One", "1"),
                Map.entry("Content-Type", "application/json"));
        assertThat(new String(reply.body(), UTF_8)).isEqualTo("hi");
        var http = map("{\"statusCode\": 200, \"headers\": {\"X-One\": 1}}", HTTP, null);
        assertThat(http.headers()).containsExactly(Map.entry("X-One", "1"));
        assertThat(http.body()).isEmpty();
    }

    @Test
    void base64_restOnlyForABinaryFirstAccept_httpAlways_stringFlagsAccepted() {
        String response = "{\"statusCode\":200,\"isBase64Encoded\":\"true\",\"body\":\"aGk=\"}";
        assertThat(new String(map(response, REST, "application/octet-stream, */*").body(), UTF_8)).isEqualTo("hi");
        assertThat(new String(map(response, REST, "*/*").body(), UTF_8)).isEqualTo("aGk=");
        assertThat(new String(map(response, REST, null).body(), UTF_8)).isEqualTo("aGk=");
        assertThat(new String(map(response, HTTP, null).body(), UTF_8)).isEqualTo("hi");
        assertThat(new String(map("{\"statusCode\":200,\"base64Encoded\":true,\"isBase64Encoded\":false,\"body\":\"aGk=\"}", REST,
                "application/octet-stream").body(), UTF_8)).isEqualTo("hi");
    }

    @Test
    void malformed_is502ForRest_500ForHttp_andLogged() {
        for (String bad : List.of("not json", "[1]", "{\"statusCode\":99}", "{\"statusCode\":200,\"headers\":[1]}",
                "{\"statusCode\":200,\"multiValueHeaders\":{\"a\":\"b\"}}")) {
            var rest = map(bad, REST, null);
            assertThat(rest.status()).as(bad).isEqualTo(502);
            assertThat(new String(rest.body(), UTF_8)).isEqualTo("{\"message\": \"Internal server error\"}");
            assertThat(map(bad, HTTP, null).status()).as(bad).isEqualTo(500);
        }
        assertThat(map("{\"statusCode\":200,\"body\":{\"a\":1}}", REST, null).status()).isEqualTo(502);
        assertThat(map("{\"statusCode\":200,\"unknown\":1}", REST, null).status()).isEqualTo(502);
        assertThat(new String(map("{\"statusCode\":200,\"body\":{\"a\":1}}", HTTP, null).body(), UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(map("{\"body\":\"x\"}", HTTP, null).status()).isEqualTo(500);
        assertThat(map("{\"body\":\"x\"}", REST, null).status()).isEqualTo(200);
        assertThat(log).isNotEmpty().allMatch(l -> l.startsWith("malformed Lambda proxy response"));
    }
}
