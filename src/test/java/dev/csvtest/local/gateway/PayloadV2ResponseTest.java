package dev.csvtest.local.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PayloadV2ResponseTest {

    private final List<String> log = new ArrayList<>();

    private GatewayReply map(String payload) {
        return PayloadV2Response.map(payload.getBytes(UTF_8), log::add);
    }

    @Test
    void notJson_is500_andLogged() {
        var reply = map("this is not json");
        assertThat(reply.status()).isEqualTo(500);
        assertThat(new String(reply.body(), UTF_8)).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(log).singleElement().asString().contains("malformed Lambda proxy response");
    }

    @Test
    void statusCodeOutOfRange_orNotANumber_is500() {
        assertThat(map("{\"statusCode\":0,\"body\":\"x\"}").status()).isEqualTo(500);
        assertThat(map("{\"statusCode\":\"abc\"}").status()).isEqualTo(500);
        assertThat(map("{\"statusCode\":700}").status()).isEqualTo(500);
        assertThat(log).hasSize(3);
    }

    @Test
    void statusCodeAsString_headersLowerCased_nullBodyEmpty() {
        var reply = map("{\"statusCode\":\"204\",\"headers\":{\"X-Thing\":\"a\",\"Retry-After\":5}}");
        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.headerMap()).isEqualTo(Map.of("x-thing", "a", "retry-after", "5"));
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
}
