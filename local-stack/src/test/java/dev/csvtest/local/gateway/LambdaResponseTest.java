package dev.csvtest.local.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.csvtest.local.json.Json;

/** The body decoded straight from the response's JSON bytes is exactly what a JSON parser would give. */
class LambdaResponseTest {

    @Test
    void body_decodesEveryEscape_asAJsonParserWould() {
        String body = "a\"b\\c/d\be\ff\ng\rh\ti\u0001j é ü 中 😀 \u2028 end";
        byte[] payload = Json.write(Map.of("statusCode", 200, "body", body));
        var parsed = (Map<?, ?>) LambdaResponse.parse(payload);
        assertThat(LambdaResponse.bodyBytes(parsed.get("body"))).isEqualTo(body.getBytes(UTF_8));
        assertThat(new String(LambdaResponse.bodyBytes(parsed.get("body")), UTF_8)).isEqualTo(body);
        assertThat(parsed.get("statusCode")).isEqualTo(200);
    }

    @Test
    void body_withEscapedUnicodeAndSurrogatePairs_decodesToUtf8() {
        byte[] payload = "{\"body\":\"x\\u00e9\\ud83d\\ude00\\u0041\\/\",\"statusCode\":201}".getBytes(UTF_8);
        var parsed = (Map<?, ?>) LambdaResponse.parse(payload);
        assertThat(new String(LambdaResponse.bodyBytes(parsed.get("body")), UTF_8)).isEqualTo("xé😀A/");
        assertThat(parsed.get("statusCode")).isEqualTo(201);
    }

    @Test
    void randomStrings_roundTripExactly() {
        var random = new Random(42);
        for (int round = 0; round < 500; round++) {
            var text = new StringBuilder();
            int length = random.nextInt(2_000);
            for (int i = 0; i < length; i++) {
                int kind = random.nextInt(10);
                text.append(kind < 6 ? (char) (' ' + random.nextInt(95)) : kind < 8 ? (char) random.nextInt(32)
                        : kind < 9 ? (char) (0x80 + random.nextInt(0x700)) : "😀");
            }
            String body = text.toString();
            var parsed = (Map<?, ?>) LambdaResponse.parse(Json.write(Map.of("body", body, "headers", Map.of("a", "b"))));
            assertThat(new String(LambdaResponse.bodyBytes(parsed.get("body")), UTF_8)).isEqualTo(body);
            assertThat(parsed.get("headers")).isEqualTo(Map.of("a", "b"));
        }
    }

    @Test
    void everyKindOfMember_beforeAndAfterTheBody_readsAsJacksonReadsIt() {
        String json = " { \"statusCode\" : 200 , \"n\":-1.5e3,\"t\":true,\"f\":false,\"z\":null,\"a\":[1,\"x\",{}],"
                + "\"body\" : \"b\\n\" ,\"o\":{\"k\":\"v\"},\"last\":7 } ";
        var parsed = (Map<?, ?>) LambdaResponse.parse(json.getBytes(UTF_8));
        var expected = new java.util.LinkedHashMap<>((Map<?, ?>) Json.parse(json.getBytes(UTF_8)));
        assertThat(new String(LambdaResponse.bodyBytes(parsed.get("body")), UTF_8)).isEqualTo("b\n");
        expected.remove("body");
        var rest = new java.util.LinkedHashMap<>(parsed);
        rest.remove("body");
        assertThat(rest).isEqualTo(expected);
        assertThat(((Map<?, ?>) LambdaResponse.parse("{}".getBytes(UTF_8)))).isEmpty();
    }

    @Test
    void nonObjects_andOtherBodies_readAsBefore() {
        assertThat(LambdaResponse.parse("[1,2]".getBytes(UTF_8))).isEqualTo(java.util.List.of(1, 2));
        var parsed = (Map<?, ?>) LambdaResponse.parse("{\"body\":{\"a\":1}}".getBytes(UTF_8));
        assertThat(new String(LambdaResponse.bodyBytes(parsed.get("body")), UTF_8)).isEqualTo("{\"a\":1}");
        assertThatThrownBy(() -> LambdaResponse.parse("{\"body\":\"x\"} trailing".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LambdaResponse.parse("{\"body\":\"x".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
