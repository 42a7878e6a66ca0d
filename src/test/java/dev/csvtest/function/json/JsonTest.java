package dev.csvtest.function.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;

class JsonTest {

    private static final String HOSTILE =
            "quote\" backslash\\ newline\n cr\r tab\t nul\u0000 bell\u0007 <script>&amp; \u2028\u2029 é 😀";

    @Test
    void hostileStrings_roundTripThroughARealParser_andStayAscii() {
        var json = Json.object().put("detail", HOSTILE).put("status", 400).put("ok", false).toString();

        assertThat(json).matches("\\p{ASCII}*").doesNotContain("<").doesNotContain(">").doesNotContain("&")
                .doesNotContain("\n");
        var parsed = JsonNode.parser().parse(json).asObject();
        assertThat(parsed.get("detail").asString()).isEqualTo(HOSTILE);
        assertThat(parsed.get("status").asNumber()).isEqualTo("400");
        assertThat(parsed.get("ok").asBoolean()).isFalse();
    }

    @Test
    void namesAreEscapedByTheSameRule() {
        var json = Json.object().put(HOSTILE, "v").toString();

        assertThat(json).matches("\\p{ASCII}*");
        assertThat(JsonNode.parser().parse(json).asObject()).containsKey(HOSTILE);
    }

    @Test
    void nestedObjectsAndArrays_areWrittenInOrder_andParse() {
        var json = Json.object().put("a", 1)
                .put("_aws", Json.object().put("Metrics", Json.array().add(Json.object().put("Name", "Latency"))))
                .put("dims", Json.array().add(Json.array().add("service")).add(2))
                .toString();

        assertThat(json).isEqualTo("{\"a\":1,\"_aws\":{\"Metrics\":[{\"Name\":\"Latency\"}]},\"dims\":[[\"service\"],2]}");
        var parsed = JsonNode.parser().parse(json).asObject();
        assertThat(parsed.get("_aws").asObject().get("Metrics").asArray()).hasSize(1);
        assertThat(parsed.get("dims").asArray().getFirst().asArray().getFirst().asString()).isEqualTo("service");
    }

    @Test
    void nullString_isJsonNull() {
        assertThat(Json.object().put("Reason", (String) null).toString()).isEqualTo("{\"Reason\":null}");
    }

    @Test
    void loneSurrogate_isEscapedNotDropped() {
        assertThat(Json.quote("a\uD800b")).isEqualTo("\"a\\ud800b\"");
    }

    @Test
    void quote_escapesQuotesAndBackslashes() {
        assertThat(Json.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }
}
