package dev.csvtest.function;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on loopback that answers every request with one S3 error, as S3 words it: for the statuses the
 * embedded S3 server cannot be made to produce (403 AccessDenied for a key the role may not read, 503 SlowDown).
 */
final class S3ErrorStub implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private S3ErrorStub(HttpServer server) {
        this.server = server;
    }

    static S3ErrorStub start(int status, String code, String message) {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            var stub = new S3ErrorStub(server);
            var body = ("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Error><Code>%s</Code><Message>%s</Message><RequestId>STUBREQUEST1</RequestId>\
                    <HostId>stub-host-id</HostId></Error>""").formatted(code, message).getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                stub.requests.incrementAndGet();
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    exchange.getResponseHeaders().add("Content-Type", "application/xml");
                    exchange.getResponseHeaders().add("x-amz-request-id", "STUBREQUEST1");
                    exchange.sendResponseHeaders(status, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException("S3 error stub failed to start", e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int requestCount() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
