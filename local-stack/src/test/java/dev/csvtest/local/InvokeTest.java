package dev.csvtest.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.csvtest.local.json.Json;

/** {@code invoke -e event.json}: one event through the same machinery, the response JSON on stdout. */
class InvokeTest {

    @TempDir
    Path dir;

    @Test
    void invoke_printsTheFunctionsResponseJson_andExits0() throws Exception {
        Path event = Files.writeString(dir.resolve("event.json"), Invoke.generateEvent(List.of("/inferred")));
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = Invoke.run(List.of("InferredResponseFunction", "-e", event.toString(),
                        "--template", LocalStackApiTest.FIXTURES.toString()), Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(Json.parse(out.toString(StandardCharsets.UTF_8).strip())).isEqualTo(Map.of("hello", "world", "rawPath", "/inferred"));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("REPORT InferredResponseFunction InferredResponseFunction#1", "cold start");
    }

    @Test
    void invoke_ofAThrowingHandler_printsLambdasErrorJson_andExits1() throws Exception {
        Path event = Files.writeString(dir.resolve("event.json"), Invoke.generateEvent(List.of("GET", "/throw")));
        var out = new ByteArrayOutputStream();
        int status = Invoke.run(List.of("ThrowingFunction", "-e", event.toString(), "--template", LocalStackApiTest.FIXTURES.toString()),
                Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        var error = (Map<?, ?>) Json.parse(out.toString(StandardCharsets.UTF_8).strip());
        assertThat(error.get("errorType")).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("errorMessage")).isEqualTo("boom from the throwing fixture");
    }

    @Test
    void generatedEvent_isAPayloadV2Event() {
        var event = (Map<?, ?>) Json.parse(Invoke.generateEvent(List.of("/csv_test?delay=0")));
        assertThat(event.get("version")).isEqualTo("2.0");
        assertThat(event.get("routeKey")).isEqualTo("GET /csv_test");
        assertThat(event.get("rawQueryString")).isEqualTo("delay=0");
        assertThat(event.get("queryStringParameters")).isEqualTo(Map.of("delay", "0"));
    }
}
