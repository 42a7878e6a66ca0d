package dev.csvtest.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLException;

/**
 * The alternative client, {@link HttpClient} over HTTP/1.1: one shared client whose pool opens a connection per
 * concurrent request. Kept to compare against {@link RawHttpGetter} (see docs/performance.md); the raw client is
 * the default because it is cheaper per request and sends {@code Connection: close} like a fresh browser.
 */
public record JdkHttpGetter(HttpClient client, Duration timeout) implements HttpGetter {

    /** A client whose connect timeout and per-request limit are {@code timeout}. */
    public JdkHttpGetter(Duration timeout) {
        this(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build(), timeout);
    }

    @Override
    public Outcome send(Prepared prepared, long origin) {
        var start = System.nanoTime();
        var index = prepared.index();
        try {
            var request = HttpRequest.newBuilder(URI.create(prepared.url())).timeout(timeout).GET().build();
            var response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return Outcome.response(index, start - origin, System.nanoTime() - origin, response.statusCode(),
                    response.body().length);
        } catch (IOException | RuntimeException e) {
            var kind = switch (e) {
                case HttpConnectTimeoutException c -> ErrorKind.CONNECT_TIMEOUT;
                case HttpTimeoutException t -> ErrorKind.TIMEOUT;
                case ConnectException c -> ErrorKind.CONNECT_REFUSED;
                case SSLException s -> ErrorKind.TLS;
                default -> String.valueOf(e.getMessage()).contains("reset") ? ErrorKind.RESET : ErrorKind.IO;
            };
            return Outcome.failure(index, start - origin, System.nanoTime() - origin, kind,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failure(index, start - origin, System.nanoTime() - origin, ErrorKind.IO, "interrupted");
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
