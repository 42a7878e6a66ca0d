package dev.csvtest.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.csvtest.local.cli.LocalStackCommand;
import tools.jackson.databind.json.JsonMapper;

/** {@code invoke -e event.json}: one event through the same machinery, the response JSON on stdout. */
class InvokeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int status = LocalStackCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    private Path event(String method, String path) throws Exception {
        var generated = run("generate-event", "apigateway", "http-api-proxy", "--method", method, "--path", path);
        assertThat(generated.status()).isZero();
        return Files.writeString(dir.resolve("event.json"), generated.out());
    }

    @Test
    void invoke_printsTheFunctionsResponseJson_andExits0() throws Exception {
        var run = run("invoke", "InferredResponseFunction", "-e", event("GET", "/inferred").toString(),
                "--template", LocalStackApiTest.FIXTURES.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(JSON.readValue(run.out().strip(), Map.class)).isEqualTo(Map.of("hello", "world", "rawPath", "/inferred"));
        assertThat(run.err()).contains("REPORT InferredResponseFunction InferredResponseFunction#1", "Init Duration");
    }

    @Test
    void invoke_ofAThrowingHandler_printsLambdasErrorJson_andExits1() throws Exception {
        var run = run("invoke", "ThrowingFunction", "-e", event("GET", "/throw").toString(),
                "--template", LocalStackApiTest.FIXTURES.toString());
        assertThat(run.status()).isEqualTo(1);
        var error = JSON.readValue(run.out().strip(), Map.class);
        assertThat(error.get("errorType")).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("errorMessage")).isEqualTo("boom from the throwing fixture");
    }

    @Test
    void invoke_ofAMissingEventFile_isAUsageError_exit2() {
        var run = run("invoke", "ThrowingFunction", "-e", dir.resolve("nope.json").toString(),
                "--template", LocalStackApiTest.FIXTURES.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("no event file");
    }

    @Test
    void generatedEvent_isAPayloadV2Event() throws Exception {
        var event = JSON.readValue(Files.readString(event("GET", "/csv_test?delay=0")), Map.class);
        assertThat(event.get("version")).isEqualTo("2.0");
        assertThat(event.get("routeKey")).isEqualTo("GET /csv_test");
        assertThat(event.get("rawQueryString")).isEqualTo("delay=0");
        assertThat(event.get("queryStringParameters")).isEqualTo(Map.of("delay", "0"));
    }
}
