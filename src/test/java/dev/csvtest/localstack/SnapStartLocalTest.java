package dev.csvtest.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.csvtest.local.LocalStack;
import dev.csvtest.local.LocalStackOptions;
import dev.csvtest.testkit.HttpProbe;
import dev.csvtest.testkit.LogCapture;

/**
 * The function's SnapStart hooks as the local stack runs them for {@code SnapStart: {ApplyOn: PublishedVersions}}:
 * every execution environment runs init, then {@code beforeCheckpoint} (priming: a real {@code delay=0} request, which
 * caches the object), then {@code afterRestore} (the primed copy must be revalidated), before its first request. So
 * each environment's first request is a conditional GET ({@code "cache":"revalidated"}), where without the hooks it
 * would be a full GET ({@code "miss"}), and without afterRestore a cache hit.
 */
class SnapStartLocalTest {

    private static final Pattern PHASES = Pattern.compile(
            "CsvTestFunction#\\d+ init \\d+ ms, beforeCheckpoint (\\d+) ms, afterRestore \\d+ ms \\(1 CRaC resource\\)");

    @Test
    void eachEnvironment_primesBeforeTheCheckpoint_andRevalidatesAfterTheRestore() {
        var log = new LogCapture();
        var handlerLog = new ByteArrayOutputStream();
        var options = LocalStackOptions.builder(Map.of()).template(CsvRouteTest.template()).port(0)
                .log(log, new PrintStream(handlerLog, true, StandardCharsets.UTF_8)).build();
        try (var stack = LocalStack.start(options); var http = new HttpProbe(stack.url())) {
            // Two at once: two environments, each with its own hooks.
            var a = http.getAsync("/csv_test?delay=1");
            var b = http.getAsync("/csv_test?delay=1");
            assertThat(a.join().status()).isEqualTo(200);
            assertThat(b.join().status()).isEqualTo(200);
            assertThat(http.get("/csv_test?delay=0").status()).isEqualTo(200);

            var phases = log.lines().stream().filter(l -> l.startsWith("CsvTestFunction#")).toList();
            assertThat(phases).hasSize(2).allMatch(l -> PHASES.matcher(l).matches());
            phases.forEach(line -> System.out.println("SnapStart phases: " + line));

            var requests = Arrays.stream(handlerLog.toString(StandardCharsets.UTF_8).split("\n"))
                    .filter(l -> l.contains("\"message\":\"GET /csv_test")).toList();
            var cold = requests.stream().filter(l -> l.contains("\"coldStart\":true")).toList();
            assertThat(cold).hasSize(2).allMatch(l -> l.contains("\"cache\":\"revalidated\""));
            assertThat(requests.getLast()).contains("\"coldStart\":false", "\"cache\":\"hit\"");
        }
    }
}
