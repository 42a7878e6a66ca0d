package dev.csvtest.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** A real HTTP client for the black-box tests: HTTP/1.1 over loopback, timing each call. */
public record HttpProbe(String base, HttpClient client) implements AutoCloseable {

    public record Reply(int status, java.net.http.HttpHeaders headers, byte[] body, long millis) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public List<String> all(String header) {
            return headers.allValues(header);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** A probe of the server at {@code base} ({@code http://127.0.0.1:<port>}). */
    public HttpProbe(String base) {
        this(base, HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(60))   // a guard, not a bound: bursts of hundreds queue in the accept backlog
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build());
    }

    public Reply get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build());
    }

    public Reply send(HttpRequest request) {
        try {
            return sendAsync(request).join();
        } catch (RuntimeException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        }
    }

    public CompletableFuture<Reply> getAsync(String pathAndQuery) {
        return sendAsync(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().timeout(Duration.ofSeconds(60)).build());
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(60));
    }

    public CompletableFuture<Reply> sendAsync(HttpRequest request) {
        long start = System.nanoTime();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new Reply(r.statusCode(), r.headers(), r.body(), (System.nanoTime() - start) / 1_000_000L));
    }

    /** A raw socket exchange, for requests a well-behaved client would never send. */
    public String raw(int port, String request) throws IOException {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            var in = socket.getInputStream();
            var out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    if (out.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // return what arrived
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
