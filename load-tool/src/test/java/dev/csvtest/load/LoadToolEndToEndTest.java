package dev.csvtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/** The load tool against real loopback servers (a JDK HttpServer started here), end to end through {@link LoadTool#run}. */
class LoadToolEndToEndTest {

    private HttpServer server;
    private ExecutorService executor;
    private final AtomicInteger requests = new AtomicInteger();
    private final java.util.Set<String> distinctQueries = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile int status = 200;
    private volatile long serverSleepMillis = -1; // -1: sleep for the URL's delay

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/csv_test", this::handle);
        server.createContext("/chunked", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, 0); // 0 = chunked
                exchange.getResponseBody().write("a,b\n1,2\n".repeat(2000).getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            var query = exchange.getRequestURI().getRawQuery();
            distinctQueries.add(query);
            var millis = serverSleepMillis >= 0 ? serverSleepMillis : Math.round(1000 * Double.parseDouble(
                    query.replaceAll(".*delay=([0-9.]+).*", "$1")));
            Thread.sleep(millis);
            var body = "id,name\n1,a\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/csv");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    @Test
    void fiftyConcurrent_delayOneSecond_allSucceedTogether(@TempDir Path tmp) throws IOException {
        var json = tmp.resolve("r.json");

        var run = run("--url", url("/csv_test?delay=1"), "-n", "50", "--suffix", "--max-ratio", "1.5",
                "--json", json.toString(), "--label", "e2e");

        assertThat(run.exit()).as(run.out()).isEqualTo(LoadTool.OK);
        assertThat(run.out()).contains("50 ok, 0 failed", "wall/delay 1.", "errors    none", "PASS", "histogram");
        assertThat(requests.get()).isEqualTo(50);
        assertThat(distinctQueries).as("--suffix makes every URL distinct").hasSize(50);
        var doc = JsonMapper.shared().readTree(json.toFile());
        assertThat(doc.get("label").asString()).isEqualTo("e2e");
        assertThat(doc.get("mode").asString()).isEqualTo("burst");
        assertThat(doc.get("requests").asInt()).isEqualTo(50);
        assertThat(doc.get("ok").asInt()).isEqualTo(50);
        assertThat(doc.get("failed").asInt()).isZero();
        assertThat(doc.get("passed").asBoolean()).isTrue();
        assertThat(doc.get("delaySeconds").asDouble()).isEqualTo(1.0);
        assertThat(doc.get("maxRatio").asDouble()).isEqualTo(1.5);
        assertThat(doc.get("wallSeconds").asDouble()).as("one delay, not fifty").isBetween(1.0, 1.5);
        assertThat(doc.get("latencyMs").get("p50").asDouble()).isBetween(1000.0, 1500.0);
        assertThat(doc.get("histogram").valueStream().mapToInt(b -> b.get("count").asInt()).sum()).isEqualTo(50);
    }

    @Test
    void serverAnswers500_exitsNonZeroAndGroupsByStatus() {
        status = 500;

        var run = run("--url", url("/csv_test?delay=0"), "-n", "5");

        assertThat(run.exit()).isEqualTo(LoadTool.FAILED);
        assertThat(run.out()).contains("0 ok, 5 failed", "HTTP 500: 5", "FAIL: 5 of 5 requests failed");
    }

    @Test
    void ratioAboveMax_exitsNonZero() {
        serverSleepMillis = 600; // the server is slower than the URL's delay=0.2 claims

        var run = run("--url", url("/csv_test?delay=0.2"), "-n", "2", "--max-ratio", "1.5");

        assertThat(run.exit()).isEqualTo(LoadTool.FAILED);
        assertThat(run.out()).contains("2 ok, 0 failed", "FAIL: wall/delay").contains("exceeds --max-ratio 1.5");
    }

    @Test
    void timeout_isReportedAsTimeout() {
        serverSleepMillis = 3000;

        var run = run("--url", url("/csv_test?delay=3"), "-n", "3", "--timeout", "300ms");

        assertThat(run.exit()).isEqualTo(LoadTool.FAILED);
        assertThat(run.out()).contains("timeout: 3");
    }

    @Test
    void nothingListening_isReportedAsConnectRefused() throws IOException {
        int port;
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        var run = run("--url", "http://127.0.0.1:" + port + "/csv_test?delay=1", "-n", "4");

        assertThat(run.exit()).isEqualTo(LoadTool.FAILED);
        assertThat(run.out()).contains("connect refused: 4");
    }

    @Test
    void chunkedBody_isReadToTheEnd(@TempDir Path tmp) throws IOException {
        var json = tmp.resolve("c.json");

        var run = run("--url", url("/chunked"), "-n", "3", "--json", json.toString());

        assertThat(run.exit()).as(run.out()).isEqualTo(LoadTool.OK);
        assertThat(run.out()).contains("3 ok, 0 failed");
        assertThat(JsonMapper.shared().readTree(json.toFile()).get("ok").asInt()).isEqualTo(3);
    }

    @Test
    void closedLoop_reportsRequestsPerSecond() {
        var run = run("--url", url("/csv_test?delay=0"), "--duration", "1s", "--concurrency", "4");

        assertThat(run.exit()).as(run.out()).isEqualTo(LoadTool.OK);
        assertThat(run.out()).contains("closed loop: 4 in flight", "req/s", "PASS");
        assertThat(requests.get()).isGreaterThan(10);
    }

    @Test
    void jdkClient_alsoWorks() {
        var run = run("--url", url("/csv_test?delay=0.5"), "-n", "10", "--client", "jdk", "--suffix");

        assertThat(run.exit()).as(run.out()).isEqualTo(LoadTool.OK);
        assertThat(run.out()).contains("10 ok, 0 failed");
    }

    @Test
    void badFlag_exitsTwoWithTheReasonAndUsage() {
        var run = run("--url", url("/csv_test"), "-n", "lots");

        assertThat(run.exit()).isEqualTo(LoadTool.USAGE);
        assertThat(run.err()).contains("error: Invalid value for option '--requests': 'lots' is not a whole number",
                "Usage: ");
        assertThat(requests.get()).isZero();
    }

    /** The tool with {@code --no-progress} added: progress lines would only clutter the captured stderr. */
    private static ToolRun run(String... args) {
        var full = Arrays.copyOf(args, args.length + 1);
        full[args.length] = "--no-progress";
        return ToolRun.of(full);
    }
}
