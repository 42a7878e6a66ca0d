package dev.csvtest.function.delay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DelayParameterTest {

    private static final Duration MAX = Duration.ofSeconds(20);

    static Stream<String> badQueries() {
        return BadDelayQueries.all();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badQueries")
    void badForm_isRejectedWithRangeInDetail(String rawQuery) {
        var parsed = DelayParameter.parse(rawQuery, null, MAX);

        assertThat(parsed).isInstanceOfSatisfying(ParsedDelay.Rejected.class, rejected -> {
            assertThat(rejected.detail()).contains("'delay'").contains("0 to 20 seconds");
            assertThat(rejected.max()).isEqualTo(MAX);
        });
    }

    @Test
    void payload20RepeatedKeys_joinedByComma_areRejectedEvenWithoutRawQuery() {
        assertThat(DelayParameter.parse(null, Map.of("delay", "1,2"), MAX)).isInstanceOf(ParsedDelay.Rejected.class);
    }

    @Test
    void payload20RepeatedKeys_asHttpApiSendsThem_areRejected() {
        assertThat(DelayParameter.parse("delay=1&delay=2", Map.of("delay", "1,2"), MAX))
                .isInstanceOf(ParsedDelay.Rejected.class);
    }

    @Test
    void rejection_neverEchoesTheInput() {
        var parsed = (ParsedDelay.Rejected) DelayParameter.parse("delay=%3Cscript%3E", null, MAX);

        assertThat(parsed.detail()).doesNotContain("script").doesNotContain("<");
    }

    static Stream<Arguments> goodQueries() {
        return Stream.of(
                Arguments.of(null, Duration.ZERO),
                Arguments.of("", Duration.ZERO),
                Arguments.of("tab=2", Duration.ZERO),
                Arguments.of("delay=0", Duration.ZERO),
                Arguments.of("delay=2", Duration.ofSeconds(2)),
                Arguments.of("delay=0.25", Duration.ofMillis(250)),
                Arguments.of("delay=007", Duration.ofSeconds(7)),
                Arguments.of("delay=20", Duration.ofSeconds(20)),
                Arguments.of("delay=20.000", Duration.ofSeconds(20)),
                Arguments.of("delay=0.0001", Duration.ofMillis(1)),   // rounded up: never answer early
                Arguments.of("delay=1&tab=2", Duration.ofSeconds(1)),
                Arguments.of("tab=2&delay=1.5", Duration.ofMillis(1500)),
                Arguments.of("%64elay=3", Duration.ofSeconds(3)));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("goodQueries")
    void goodForm_isAccepted(String rawQuery, Duration expected) {
        assertThat(DelayParameter.parse(rawQuery, null, MAX)).isEqualTo(new ParsedDelay.Accepted(expected));
    }
}
