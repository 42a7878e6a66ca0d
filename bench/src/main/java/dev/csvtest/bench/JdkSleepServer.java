package dev.csvtest.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Bare-limit candidate 1: the JDK's {@link HttpServer} with a virtual thread per exchange. It also serves the
 * classpath folder {@code public/} at {@code /}, so the demo page can be tested without the local stack.
 */
public record JdkSleepServer(HttpServer server, ExecutorService executor) implements SleepServer {

    public static JdkSleepServer start(int port, int backlog) throws IOException {
        return start(port, backlog, SleepRoute.Body.DEFAULT);
    }

    public static JdkSleepServer start(int port, int backlog, SleepRoute.Body body) throws IOException {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext(SleepRoute.PATH, exchange -> sleep(exchange, body));
        server.createContext("/", JdkSleepServer::staticFile);
        server.start();
        return new JdkSleepServer(server, executor);
    }

    private static void sleep(HttpExchange exchange, SleepRoute.Body body) throws IOException {
        try (exchange) {
            var millis = SleepRoute.delayMillis(exchange.getRequestURI().getRawQuery());
            if (millis < 0) {
                send(exchange, 400, "text/plain", "delay must be a number of seconds in [0, 60]\n".getBytes());
                return;
            }
            if (!SleepRoute.sleep(millis)) {
                send(exchange, 503, "text/plain", "interrupted\n".getBytes());
                return;
            }
            send(exchange, 200, body.contentType(), body.bytes());
        }
    }

    private static void staticFile(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getPath();
            if (path.equals("/")) {
                path = "/index.html";
            }
            if (path.contains("..") || !"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 404, "text/plain", "not found\n".getBytes());
                return;
            }
            try (InputStream in = JdkSleepServer.class.getResourceAsStream("/public" + path)) {
                if (in == null) {
                    send(exchange, 404, "text/plain", "not found\n".getBytes());
                    return;
                }
                send(exchange, 200, contentType(path), in.readAllBytes());
            }
        }
    }

    static String contentType(String path) {
        var lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (lower.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (lower.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "application/octet-stream";
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        // The demo page spreads large runs over *.localhost lane hosts (other origins) to get past Chrome's
        // 6-connections-per-host limit on HTTP/1.1; this lets it read their responses.
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
