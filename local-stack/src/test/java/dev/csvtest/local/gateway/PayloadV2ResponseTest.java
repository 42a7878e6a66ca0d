package dev.csvtest.local.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.csvtest.local.lambda.Payload;

class PayloadV2ResponseTest {

    private final List<String> log = new ArrayList<>();

    private GatewayReply map(String payload) {
        return PayloadV2Response.map(new Payload.Json(payload.getBytes(UTF_8)), log::add);
    }

    @Test
    void notJson_is500_andLogged() {
        var reply = map("this is not json");
        assertThat(reply.status()).isEqualTo(500);
        assertThat(new String(reply.body(), UTF_8)).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(log).singleElement().asString().contains("malformed Lambda proxy response");
    }

    /** A status code out of range or not a number, or JSON broken anywhere. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"statusCode\":0,\"body\":\"x\"}",
        "{\"statusCode\":\"abc\"}",
        "{\"statusCode\":700}",
        "{\"statusCode\":200,\"body\":\"abc",
        "{\"statusCode\":200,\"body\":\"ok\"} trailing",
        "{\"statusCode\":200,\"other\":[1,}",
    })
    void badStatusCode_orMalformedJson_is500_andLogged(String payload) {
        assertThat(map(payload).status()).isEqualTo(500);
        assertThat(log).hasSize(1);
    }

    @Test
    void statusCodeAsString_headerNamesKeepTheFunctionsCase_nullBodyEmpty() {
        var reply = map("{\"statusCode\":\"204\",\"headers\":{\"X-Thing\":\"a\",\"Retry-After\":5,\"ETag\":\"e\"}}");
        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.headerMap()).isEqualTo(Map.of("X-Thing", "a", "Retry-After", "5", "ETag", "e"));
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void badBase64_is500() {
        assertThat(map("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"***\"}").status()).isEqualTo(500);
    }

    @Test
    void jsonStringOrArrayWithoutStatusCode_isTheInferredFormat() {
        var string = map("\"hello\"");
        assertThat(string.status()).isEqualTo(200);
        assertThat(new String(string.body(), UTF_8)).isEqualTo("\"hello\"");
        assertThat(string.headerMap()).containsEntry("content-type", "application/json");
        assertThat(map("[1,2]").status()).isEqualTo(200);
    }

    @Test
    void stringBody_escapesAndNonAsciiSurviveTheRoundTrip() throws Exception {
        var mapper = com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory.getInstance().getMapper();
        var text = "a,b\nc\r\t\"q\" \\ / é € 😀 \u0001 end" + "x".repeat(70_000) + "\n";
        var json = "{\"statusCode\":200,\"body\":" + mapper.writeValueAsString(text) + ",\"headers\":{\"Content-Type\":\"text/csv\"}}";
        var reply = map(json);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(new String(reply.body(), UTF_8)).isEqualTo(text);
        assertThat(reply.headerMap()).containsEntry("Content-Type", "text/csv");

        // escapes a serializer may choose: \/ and \\uXXXX, a surrogate pair, a lone surrogate
        var escaped = map("{\"body\":\"\\/\\u00e9\\u20ac\\ud83d\\ude00\\ud800x\",\"statusCode\":201}");
        assertThat(escaped.status()).isEqualTo(201);
        assertThat(new String(escaped.body(), UTF_8)).isEqualTo("/é€😀?x");
        assertThat(log).isEmpty();
    }

    @Test
    void base64Body_andNonStringBody() {
        var b64 = map("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"aGk=\"}");
        assertThat(new String(b64.body(), UTF_8)).isEqualTo("hi");
        var object = map("{\"statusCode\":200,\"body\":{\"a\":1}}");
        assertThat(new String(object.body(), UTF_8)).isEqualTo("{\"a\":1}");
    }
}
