package dev.csvtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code target/bench.jar} as the scripts run it ({@code java -cp bench.jar dev.csvtest.bench.X}, a JVM
 * of its own): the servers start from the jar alone, print their ready line and answer. SlowS3 is the fragile one
 * (S3Proxy's signed dependencies and service files, merged into one jar).
 */
class BenchJarIT {

    /** Set by the failsafe configuration in bench/pom.xml. */
    private static final Path JAR = Path.of(System.getProperty("bench.jar", "target/bench.jar"));
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:\\d+");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path tmp;

    @Test
    void bareServer_fromTheJar_answersTheSleepRoute() throws Exception {
        var server = start("bare", "dev.csvtest.bench.BareServer", "--impl", "socket", "--port", "0");
        try {
            var url = server.awaitReady("Bare server ready: ");
            var response = get(url + "/csv_test?delay=0.1");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new String(response.body())).isEqualTo("ok\n");
        } finally {
            server.stop();
        }
    }

    @Test
    void slowS3_fromTheJar_servesTheSampleWithTheLatency() throws Exception {
        var server = start("slow-s3", "dev.csvtest.bench.SlowS3", "--latency-ms", "300");
        try {
            var url = server.awaitReady("Slow S3 ready: ");
            var start = System.nanoTime();
            var response = get(url + "/" + HandlerProbe.BUCKET + "/" + HandlerProbe.KEY);
            var millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(BenchJarIT.class.getResourceAsStream("/sample.csv").readAllBytes());
            assertThat(millis).isGreaterThanOrEqualTo(300);
        } finally {
            server.stop();
        }
    }

    private static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private Server start(String name, String main, String... args) throws IOException {
        assertThat(JAR).as("built by the package phase").isRegularFile();
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", JAR.toString(), main));
        command.addAll(List.of(args));
        var log = tmp.resolve(name + ".log");
        var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Server(process, log);
    }

    private record Server(Process process, Path log) {

        /** The URL from the ready line, once printed (within 60 s). */
        String awaitReady(String prefix) throws IOException, InterruptedException {
            var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                for (var line : Files.readAllLines(log)) {
                    var m = URL.matcher(line);
                    if (line.startsWith(prefix) && m.find()) {
                        return m.group();
                    }
                }
                assertThat(process.isAlive()).as("exited early:%n%s", Files.readString(log)).isTrue();
                Thread.sleep(50);
            }
            throw new AssertionError("no '" + prefix + "' line within 60 s:\n" + Files.readString(log));
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
