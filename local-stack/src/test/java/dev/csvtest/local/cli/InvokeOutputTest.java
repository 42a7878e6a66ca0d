package dev.csvtest.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code invoke} in a JVM of its own, as a user runs it: stdout carries the function's response and nothing else, so
 * it can be piped ({@code invoke ... | jq}); what the function prints to System.out (here in its SnapStart hook) is
 * its log and goes to stderr, as on Lambda and with sam local invoke.
 */
class InvokeOutputTest {

    private static final Path TEMPLATE = Path.of("src/test/resources/local/snapstart-template.yaml");

    @Test
    void stdout_isTheResponseAlone_theFunctionsOwnPrintsGoToStderr(@TempDir Path dir) throws Exception {
        var stdout = dir.resolve("stdout");
        var stderr = dir.resolve("stderr");
        var process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalStackCommand.class.getName(),
                "invoke", "SnapStartFunction", "--template", TEMPLATE.toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("invoke ended").isTrue();

        assertThat(process.exitValue()).as(read(stderr)).isZero();
        var lines = read(stdout).lines().toList();
        assertThat(lines).as("stdout").hasSize(1);
        var response = JsonMapper.builder().build().readTree(lines.getFirst());
        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(read(stderr)).contains("SnapStartHandler: priming before the checkpoint").contains("REPORT SnapStartFunction");
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
