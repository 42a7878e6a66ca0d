package dev.csvtest.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

/**
 * The {@code events/*.json} fixtures, read exactly as the Lambda Java runtime reads an HTTP API payload 2.0 event
 * ({@link LambdaEventSerializers}), keep the shape API Gateway sends for {@code GET /csv_test}.
 * (Running them through the handler is {@code dev.csvtest.function.EventFixturesTest}.)
 */
class EventFixturesShapeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            delay-0.json        | delay=0         | 0
            delay-10.json       | delay=10        | 10
            bad-delay.json      | delay=abc       | abc
            repeated-delay.json | delay=1&delay=2 | 1,2
            """)
    void fixture_deserializesAsTheLambdaRuntimeDoes_intoAnHttpApiV2GetOfCsvTest(String file, String rawQuery, String delay)
            throws IOException {
        var event = read(file);

        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("GET /csv_test");
        assertThat(event.getRawPath()).isEqualTo("/csv_test");
        assertThat(event.getRawQueryString()).isEqualTo(rawQuery);
        assertThat(event.getQueryStringParameters()).isEqualTo(Map.of("delay", delay));
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getBody()).isNull();
        assertThat(event.getHeaders().keySet()).as("HTTP API lowercases header names").allMatch(h -> h.equals(h.toLowerCase()));

        var context = event.getRequestContext();
        assertThat(context.getHttp().getMethod()).isEqualTo("GET");
        assertThat(context.getHttp().getPath()).isEqualTo("/csv_test");
        assertThat(context.getHttp().getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(context.getHttp().getSourceIp()).isNotBlank();
        assertThat(context.getRouteKey()).isEqualTo("GET /csv_test");
        assertThat(context.getStage()).isEqualTo("$default");
        assertThat(context.getRequestId()).isNotBlank();
        assertThat(context.getTimeEpoch()).isPositive();
        assertThat(context.getAccountId()).isEqualTo("123456789012");
    }

    static APIGatewayV2HTTPEvent read(String file) throws IOException {
        try (var in = Files.newInputStream(Path.of("events", file))) {
            return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, EventFixturesShapeTest.class.getClassLoader())
                    .fromJson(in);
        }
    }
}
