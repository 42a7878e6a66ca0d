package dev.csvtest.function.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponseLimitsTest {

    @Test
    void encodedLength_countsEscapesAndMultibyteCharacters() {
        assertThat(ResponseLimits.encodedLength("abc")).isEqualTo(5);
        assertThat(ResponseLimits.encodedLength("\"\\")).isEqualTo(6);
        assertThat(ResponseLimits.encodedLength("\n")).isGreaterThanOrEqualTo(4);
        assertThat(ResponseLimits.encodedLength("é")).isGreaterThanOrEqualTo(4);
    }

    @Test
    void encodedLength_neverExceedsTheDeclaredExpansion() {
        for (var body : new String[] {"", "a", "\u0001\u0001", "é€😀", "\"".repeat(100)}) {
            int utf8 = body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            assertThat(ResponseLimits.encodedLength(body)).as(body)
                    .isLessThanOrEqualTo((long) ResponseLimits.MAX_ENCODED_BYTES_PER_UTF8_BYTE * (utf8 + 1));
        }
    }
}
