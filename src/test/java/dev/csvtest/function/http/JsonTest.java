package dev.csvtest.function.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;

class JsonTest {

    @Test
    void hostileStrings_roundTripThroughARealParser_andStayAscii() {
        var hostile = "quote\" backslash\\ newline\n cr\r tab\t nul\u0000 bell\u0007 <script>&amp; \u2028\u2029 é 😀";

        var json = Json.object().put("detail", hostile).put("status", 400).put("ok", false).toString();

        assertThat(json).matches("\\p{ASCII}*").doesNotContain("<").doesNotContain("\n");
        var parsed = JsonNode.parser().parse(json).asObject();
        assertThat(parsed.get("detail").asString()).isEqualTo(hostile);
        assertThat(parsed.get("status").asNumber()).isEqualTo("400");
        assertThat(parsed.get("ok").asBoolean()).isFalse();
    }

    @Test
    void putJson_nestsAPreBuiltValue_verbatim() {
        var json = Json.object().put("a", 1).putJson("_aws", "{\"Metrics\":[{\"Name\":\"Latency\"}]}").toString();

        assertThat(json).isEqualTo("{\"a\":1,\"_aws\":{\"Metrics\":[{\"Name\":\"Latency\"}]}}");
        assertThat(JsonNode.parser().parse(json).asObject().get("_aws").asObject().get("Metrics").asArray()).hasSize(1);
    }

    @Test
    void loneSurrogate_isEscapedNotDropped() {
        assertThat(Json.quote("a\uD800b")).isEqualTo("\"a\\ud800b\"");
    }

    @Test
    void quote_escapesQuotesAndBackslashes() {
        assertThat(Json.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }

    @Test
    void encodedLength_countsEscapesAndMultibyteCharacters() {
        assertThat(Json.encodedLength("abc")).isEqualTo(5);
        assertThat(Json.encodedLength("\"\\")).isEqualTo(6);
        assertThat(Json.encodedLength("\n")).isGreaterThanOrEqualTo(4);
        assertThat(Json.encodedLength("é")).isGreaterThanOrEqualTo(4);
    }
}
