package dev.csvtest.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import dev.csvtest.s3.EmbeddedS3;
import dev.csvtest.testkit.TestContext;

/**
 * Each {@code events/*.json} fixture (the files {@code sam local invoke CsvTestFunction -e} takes), deserialized
 * exactly as the Lambda Java runtime does, through the real handler against the embedded S3.
 */
class EventFixturesTest {

    private static EmbeddedS3 s3;

    @BeforeAll
    static void startS3() {
        s3 = EmbeddedS3.start().put(Fixtures.BUCKET, Fixtures.KEY, Fixtures.sampleCsv(), "text/csv");
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            delay-0.json        | 200
            delay-10.json       | 200
            bad-delay.json      | 400
            repeated-delay.json | 400
            """)
    void fixture_throughTheHandler_answersTheExpectedStatus(String file, int status) throws Exception {
        var event = read(file);
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.endpoint()))) {
            var response = handler.handleRequest(event, TestContext.withTimeout(Duration.ofSeconds(25)));

            assertThat(response.getStatusCode()).isEqualTo(status);
            if (status == 200) {
                assertThat(response.getHeaders()).containsEntry("Content-Type", "text/csv; charset=utf-8");
            } else {
                assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
            }
        }
    }

    private static APIGatewayV2HTTPEvent read(String file) throws IOException {
        try (var in = Files.newInputStream(Path.of("events", file))) {
            return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, EventFixturesTest.class.getClassLoader())
                    .fromJson(in);
        }
    }
}
