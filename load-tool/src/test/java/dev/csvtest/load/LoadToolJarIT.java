package dev.csvtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged {@code target/load-tool.jar} as the scripts run it ({@code java -XX:TieredStopAtLevel=1 -jar}, a
 * JVM of its own), against a loopback server started here: the jar must hold everything it needs.
 */
class LoadToolJarIT {

    /** Set by the failsafe configuration in load-tool/pom.xml. */
    private static final Path JAR = Path.of(System.getProperty("loadtool.jar", "target/load-tool.jar"));

    private HttpServer server;
    private ExecutorService executor;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/csv_test", exchange -> {
            try (exchange) {
                var body = "id,name\n1,a\n".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void jar_runsABurstAndWritesJson(@TempDir Path tmp) throws Exception {
        var json = tmp.resolve("out/r.json");
        var url = "http://127.0.0.1:" + server.getAddress().getPort() + "/csv_test?delay=0";

        var run = java("--url", url, "-n", "20", "--suffix", "--timeout", "10s", "--json", json.toString(),
                "--label", "jar", "--no-progress");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("20 ok, 0 failed", "PASS");
        var doc = JsonMapper.shared().readTree(json.toFile());
        assertThat(doc.get("label").asString()).isEqualTo("jar");
        assertThat(doc.get("ok").asInt()).isEqualTo(20);
    }

    @Test
    void jar_helpVersionAndUsageErrors() throws Exception {
        var help = java("--help");
        var version = java("--version");
        var bad = java("--url", "http://127.0.0.1:1/csv_test", "-n", "0");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--max-ratio=R", "Exit status:");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("load-tool ").doesNotContain("development build");
        assertThat(bad.exit()).isEqualTo(LoadTool.USAGE);
        assertThat(bad.err()).contains("error: Invalid value for option '--requests': must be at least 1, got 0");
    }

    private static ToolRun java(String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("built by the package phase").isRegularFile();
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        var out = Files.createTempFile("load-tool", ".out");
        var err = Files.createTempFile("load-tool", ".err");
        try {
            var process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("load-tool.jar still running after 60 s: " + command);
            }
            return new ToolRun(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
