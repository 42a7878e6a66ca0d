package dev.csvtest.local;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * {@code measure-overhead [--path P] [-n N] [--concurrent C] [template options]}: the local stack's per-request
 * overhead against a bare JDK {@code HttpServer} on virtual threads that answers the same bytes with no emulation.
 * Sequential mode (default) reports p50/p90/p99/max latency of N requests after a warm-up; with {@code --concurrent C}
 * it fires C requests at once, C times... once per server, and reports the wall time of the batch.
 */
final class MeasureOverhead {

    private MeasureOverhead() {
    }

    static void run(List<String> args) throws Exception {
        var words = new ArrayList<>(args);
        String path = "/csv_test?delay=0";
        int n = 2000;
        int concurrent = 0;
        for (int i = 0; i < words.size(); i++) {
            switch (words.get(i)) {
                case "--path" -> { path = words.remove(i + 1); words.remove(i--); }
                case "-n" -> { n = Integer.parseInt(words.remove(i + 1)); words.remove(i--); }
                case "--concurrent" -> { concurrent = Integer.parseInt(words.remove(i + 1)); words.remove(i--); }
                default -> { }
            }
        }
        var rest = new ArrayList<String>();
        var options = LocalStackOptions.parse(words, System.getenv(), rest).withPort(0).withLogRequests(false)
                .withLog(line -> { }, System.out);
        try (var stack = LocalStack.start(options);
             var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                     .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(60)).build()) {
            var sample = client.send(HttpRequest.newBuilder(URI.create(stack.url() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = sample.body();
            String contentType = sample.headers().firstValue("content-type").orElse("application/octet-stream");
            long delayMs = Math.round(Double.parseDouble(path.replaceAll(".*delay=([0-9.]+).*", "$1").replaceAll("[^0-9.]", "0")) * 1000);
            var bare = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16_384);
            bare.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            bare.createContext("/", exchange -> {
                try {
                    if (delayMs > 0) {
                        Thread.sleep(delayMs);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.getResponseHeaders().add("content-type", contentType);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            bare.start();
            String bareUrl = "http://127.0.0.1:" + bare.getAddress().getPort();
            System.out.printf("path %s, response %d bytes (%s)%n", path, body.length, contentType);
            try {
                if (concurrent > 0) {
                    for (int round = 1; round <= 2; round++) {
                        System.out.printf("round %d: bare JDK HttpServer: %d concurrent: wall %d ms%n", round, concurrent,
                                batch(client, bareUrl + path, concurrent));
                        System.out.printf("round %d: local stack:        %d concurrent: wall %d ms (%s environments)%n", round,
                                concurrent, batch(client, stack.url() + path, concurrent),
                                stack.template().functions().stream().mapToInt(f -> stack.function(f.logicalId()).environments()).sum());
                    }
                } else {
                    sequential(client, bareUrl + path, n / 4);
                    sequential(client, stack.url() + path, n / 4);
                    System.out.println("bare JDK HttpServer: " + summary(sequential(client, bareUrl + path, n)));
                    System.out.println("local stack:         " + summary(sequential(client, stack.url() + path, n)));
                }
            } finally {
                bare.stop(0);
            }
        }
    }

    private static long[] sequential(HttpClient client, String url, int n) throws Exception {
        long[] micros = new long[n];
        var request = HttpRequest.newBuilder(URI.create(url)).build();
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            var response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            micros[i] = (System.nanoTime() - start) / 1000;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
        }
        Arrays.sort(micros);
        return micros;
    }

    private static long batch(HttpClient client, String url, int n) {
        var all = new ArrayList<CompletableFuture<HttpResponse<byte[]>>>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            all.add(client.sendAsync(HttpRequest.newBuilder(URI.create(url + "&n=" + i)).timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        long wall = (System.nanoTime() - start) / 1_000_000L;
        long failed = all.stream().filter(f -> f.join().statusCode() != 200).count();
        if (failed > 0) {
            System.out.println("  " + failed + " of " + n + " were not 200");
        }
        return wall;
    }

    private static String summary(long[] micros) {
        int n = micros.length;
        return String.format("n=%d p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", n, micros[n / 2] / 1000.0,
                micros[(int) (n * 0.9)] / 1000.0, micros[(int) (n * 0.99)] / 1000.0, micros[n - 1] / 1000.0);
    }
}
