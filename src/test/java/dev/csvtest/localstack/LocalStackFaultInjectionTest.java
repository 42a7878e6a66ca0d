package dev.csvtest.localstack;

import dev.csvtest.local.LocalStack;
import dev.csvtest.local.LocalStackOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.csvtest.testkit.Leaks.awaitTrue;
import static dev.csvtest.testkit.Futures.joinAll;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.csvtest.testkit.FaultSuite;
import dev.csvtest.testkit.FaultyS3Proxy;
import dev.csvtest.testkit.S3Fault;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The fault table ({@link S3Fault}) through the local stack: real HTTP to the emulated HTTP API, the project's
 * {@code template.yaml} (with the function {@code Timeout} set to the row's deadline and
 * {@code CacheRevalidateSeconds=0}, so every request reaches S3), the real handler in its execution environments, and
 * S3 made to misbehave by a {@link FaultyS3Proxy} in front of the embedded S3 server.
 *
 * <p>Each row: 100 requests ({@value #CLIENTS} clients side by side, {@value #REQUESTS_PER_CLIENT} requests each; the
 * replaced-object row runs its 100 in a row, since it changes the one object between requests). Every answer has the
 * documented status, a problem body without internals, a handler log line (passed through by the stack) with the
 * request id and the cause, and arrives within the function Timeout. After the row the stack is closed and the
 * function-side platform threads are back at their baseline, and the SDK's connections at the proxy are bounded by
 * the keep-alive pool and are all closed by the end of the suite.
 */
@Tag("faults")
class LocalStackFaultInjectionTest {

    static final int CLIENTS = 10;
    static final int REQUESTS_PER_CLIENT = 10;
    static final int REPETITIONS = CLIENTS * REQUESTS_PER_CLIENT;

    /** What the client's clock may add to the function Timeout: HTTP, and waiting for a CPU on a busy machine. */
    private static final Duration CLIENT_GRACE = Duration.ofSeconds(2);

    @RegisterExtension
    static final FaultSuite faults = FaultSuite.named("FAULTS-LOCAL", s3 -> { });

    @TempDir
    static Path templates;

    /**
     * Not measured: starts the JVM-wide threads that come once per JVM (virtual-thread carriers, the JDK HTTP client's
     * selector, the keep-alive timer) with one stack and one request, so the rows compare like with like.
     */
    @BeforeAll
    static void warmUp() {
        try (var stack = LocalStack.start(LocalStackOptions.builder(Map.of()).template(Path.of("template.yaml"))
                .port(0).log(line -> { }, new PrintStream(OutputStream.nullOutputStream())).build());
             var http = HttpClient.newHttpClient()) {
            assertThat(get(http, stack.url()).response().statusCode()).isEqualTo(200);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Stream<Arguments> faults() {
        return Stream.of(S3Fault.values()).map(f -> Arguments.of(f.description(), f.expected(), f));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("faults")
    void fault_throughTheLocalStack_getsItsDocumentedStatus_100Times_withoutLeaks(String description, String expected,
            S3Fault fault) throws Exception {
        var key = switch (fault) {
            case MISSING_KEY -> "missing.csv";
            case OBJECT_REPLACED -> "replaced.csv";
            default -> "sample.csv";
        };
        var row = faults.startRow();
        var proxy = row.proxy();
        var handlerLog = new HandlerLog();
        var options = LocalStackOptions.builder(Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"))
                .template(templateWithTimeout(fault.timeout()))
                .port(0)
                .parameterOverrides(Map.of("ObjectKey", key, "CacheRevalidateSeconds", "0"))
                .s3Endpoint(proxy.endpoint())
                .log(line -> { }, handlerLog.stream()).build();
        var served = new AtomicInteger();
        try (var stack = LocalStack.start(options);
             var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            var bucket = stack.function("CsvTestFunction").environment().get("CSV_BUCKET");
            warmEnvironments(stack, http);
            if (fault == S3Fault.MISSING_KEY) {
                faults.s3().delete(bucket, key);
            }
            proxy.mode(fault.mode());
            var oracle = new Oracle(fault, bucket, key, handlerLog);
            if (fault == S3Fault.OBJECT_REPLACED) {
                replacedInARow(stack, http, bucket, key, handlerLog, served);
            } else {
                var pool = Executors.newFixedThreadPool(CLIENTS);
                try {
                    var clients = new ArrayList<Future<?>>();
                    for (int c = 0; c < CLIENTS; c++) {
                        clients.add(pool.submit(() -> {
                            for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
                                oracle.check(get(http, stack.url()));
                                served.incrementAndGet();
                            }
                            return null;
                        }));
                    }
                    joinAll(clients, Duration.ofMinutes(2));
                } finally {
                    pool.shutdownNow();
                    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
                }
            }
        }
        assertThat(served.get()).isEqualTo(REPETITIONS);
        faults.assertRowLeftNothing(row, served.get());
    }

    @AfterAll
    static void noConnectionLeft() {
        faults.assertNoConnectionLeft();
    }

    /**
     * Not measured: a request in each of the {@value #CLIENTS} environments the row will use, before the fault is
     * switched on. A new stack starts every environment cold (its own class loader, S3 client, first request), and on
     * a loaded 2-core machine ten cold starts at once took longer than the 1 s and 3 s Timeouts of the rows: the row
     * then measured this machine's CPU, not how the function answers the fault. Cold starts under a fault are covered
     * by the handler's own fault suite and S3TimeBudgetTest.
     */
    private static void warmEnvironments(LocalStack stack, HttpClient http) throws InterruptedException {
        var function = stack.function("CsvTestFunction");
        for (int round = 0; round < 5 && function.idleEnvironments() < CLIENTS; round++) {
            // Concurrent and each holding its environment for a while, so they need CLIENTS environments; failures
            // (a cold start past the Timeout discards its environment) are simply retried in the next round.
            var warmUps = new ArrayList<java.util.concurrent.CompletableFuture<HttpResponse<String>>>();
            for (int c = 0; c < CLIENTS; c++) {
                warmUps.add(http.sendAsync(HttpRequest.newBuilder(URI.create(stack.url() + "/csv_test?delay=0.3&warm=" + c))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            warmUps.forEach(w -> w.handle((response, failure) -> null).join());
            awaitTrue(Duration.ofSeconds(5), () -> function.idleEnvironments() >= CLIENTS);
        }
        assertThat(function.idleEnvironments()).as("warm environments before the fault").isGreaterThanOrEqualTo(CLIENTS);
    }

    private static void replacedInARow(LocalStack stack, HttpClient http, String bucket, String key, HandlerLog handlerLog,
            AtomicInteger served) throws Exception {
        String etag = get(http, stack.url()).response().headers().firstValue("etag").orElseThrow();
        for (int r = 1; r <= REPETITIONS; r++) {
            var body = "version " + r + "\n";
            faults.s3().put(bucket, key, body.getBytes(StandardCharsets.UTF_8), "text/csv");
            var timed = get(http, stack.url());
            assertThat(timed.elapsed()).isLessThan(S3Fault.OBJECT_REPLACED.timeout().plus(CLIENT_GRACE));
            assertThat(timed.response().statusCode()).isEqualTo(200);
            assertThat(timed.response().body()).isEqualTo(body);
            var next = timed.response().headers().firstValue("etag").orElseThrow();
            assertThat(next).isNotEqualTo(etag);
            etag = next;
            served.incrementAndGet();
        }
        // Each request fetched the new version from S3 (revalidated in a warm environment, or a miss when the stack
        // started another environment because the previous one was not yet back in the pool).
        assertThat(handlerLog.lines()).filteredOn(l -> l.contains("\"s3Status\":200") && l.contains("\"status\":200"))
                .hasSizeGreaterThanOrEqualTo(REPETITIONS);
    }

    /** What every failure answer must be. */
    private record Oracle(S3Fault fault, String bucket, String key, HandlerLog handlerLog) {
        void check(Timed timed) {
            var response = timed.response();
            // The status proves the handler answered before the function Timeout (the stack would have sent a 500);
            // the client's clock adds HTTP and scheduling time, which a loaded 2-core machine stretches.
            assertThat(timed.elapsed()).as("%s: answered within the function Timeout", fault.description())
                    .isLessThan(fault.timeout().plus(CLIENT_GRACE));
            assertThat(response.statusCode()).isEqualTo(fault.status());
            assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
            var body = json(response.body());
            assertThat(body.get("type").asString()).isEqualTo("urn:csv-test:problem:" + fault.problem());
            for (var internal : Stream.concat(Stream.of(bucket, key), S3Fault.INTERNALS.stream()).toList()) {
                assertThat(response.body()).as("problem body of %s", fault.description()).doesNotContain(internal);
            }
            if (fault.status() == 503) {
                assertThat(response.headers().firstValue("retry-after")).hasValue("1");
            }
            var requestId = body.get("requestId").asString();
            var line = handlerLog.forRequest(requestId);
            assertThat(line.get("status").asNumber()).isEqualTo(String.valueOf(fault.status()));
            assertThat(line.get("problem").asString()).isEqualTo(fault.problem());
            assertThat(line.get("cause").asString()).isNotBlank();
        }
    }

    private record Timed(HttpResponse<String> response, Duration elapsed) {
    }

    private static Timed get(HttpClient http, String base) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(base + "/csv_test")).timeout(Duration.ofSeconds(30)).GET().build();
        long start = System.nanoTime();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The project's template with CsvTestFunction's Timeout set to the row's deadline. */
    private static Path templateWithTimeout(Duration timeout) throws IOException {
        var text = Files.readString(Path.of("template.yaml"));
        var replaced = text.replaceFirst("(?m)^      Timeout: 25$", "      Timeout: " + timeout.toSeconds());
        assertThat(replaced).as("template.yaml's CsvTestFunction Timeout line").isNotEqualTo(text);
        // The rows test the request path. With SnapStart the local stack runs the priming request (against this faulty
        // S3) in each new environment before its first request, which on Lambda happens when the version is published:
        // served without it, as before the stack ran SnapStart's hooks. SnapStartLocalTest covers the hooks.
        var withoutSnapStart = replaced.replace("      SnapStart:\n        ApplyOn: PublishedVersions\n", "");
        assertThat(withoutSnapStart).as("template.yaml's SnapStart lines").isNotEqualTo(replaced);
        replaced = withoutSnapStart;
        // The copy lives in a temporary folder: its CodeUri must still name this project's build output.
        var code = Path.of("").toAbsolutePath().toString();
        replaced = replaced.replace("CodeUri: .\n", "CodeUri: " + code + "\n");
        assertThat(replaced).as("template.yaml's CodeUri lines").doesNotContain("CodeUri: .\n");
        var file = Files.createTempFile(templates, "template-", ".yaml");
        Files.writeString(file, replaced);
        return file;
    }

    /** The handler output the stack passes through, one JSON line per request, indexed by request id. */
    private static final class HandlerLog {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Map<String, String> byRequest = new ConcurrentHashMap<>();
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        PrintStream stream() {
            return new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                /** A whole write at once: the handler writes its line before it returns, so this is on its clock. */
                @Override
                public void write(byte[] bytes, int offset, int length) {
                    synchronized (pending) {
                        for (int i = offset; i < offset + length; i++) {
                            if (bytes[i] == '\n') {
                                add(pending.toString(StandardCharsets.UTF_8));
                                pending.reset();
                            } else {
                                pending.write(bytes[i]);
                            }
                        }
                    }
                }
            }, true, StandardCharsets.UTF_8);
        }

        private void add(String line) {
            lines.add(line);
            if (line.startsWith("{")) {
                var id = JsonNode.parser().parse(line).asObject().get("requestId");
                if (id != null && id.isString()) {
                    byRequest.put(id.asString(), line);
                }
            }
        }

        List<String> lines() {
            return List.copyOf(lines);
        }

        Map<String, JsonNode> forRequest(String requestId) {
            awaitTrue(Duration.ofSeconds(2), () -> byRequest.containsKey(requestId));
            assertThat(byRequest).as("a handler log line for request %s", requestId).containsKey(requestId);
            return json(byRequest.get(requestId));
        }
    }

    private static Map<String, JsonNode> json(String text) {
        return JsonNode.parser().parse(text).asObject();
    }

}
