package dev.csvtest.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Warms the client's code path (class loading, JIT) against a throwaway in-process loopback server before the
 * measured run, so a fresh JVM's first requests do not count as server latency. The target server never sees
 * these requests.
 */
final class Warmup {

    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n"
            + "Connection: close\r\n\r\nok\n").getBytes(StandardCharsets.US_ASCII);

    private Warmup() {
    }

    /** Fires {@code requests} GETs, {@code parallel} at a time, through {@code getter}; returns how many got a 200. */
    static int run(HttpGetter getter, int requests, int parallel) throws IOException, InterruptedException {
        try (var server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> { // ends when the try block closes the server
                while (!server.isClosed()) {
                    try {
                        var client = server.accept();
                        Thread.ofVirtual().start(() -> {
                            try (client) {
                                var in = client.getInputStream();
                                var buf = new byte[1024];
                                var seen = 0;
                                // read until the blank line that ends the request head
                                int r;
                                outer:
                                while ((r = in.read(buf)) > 0) {
                                    for (var i = 0; i < r; i++) {
                                        seen = (buf[i] == '\r' || buf[i] == '\n') ? seen + 1 : 0;
                                        if (seen == 4) {
                                            break outer;
                                        }
                                    }
                                }
                                client.getOutputStream().write(RESPONSE);
                            } catch (IOException e) {
                                // a warm-up connection failing does not matter
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            var url = "http://127.0.0.1:" + server.getLocalPort() + "/warmup?delay=0";
            var ok = new AtomicInteger();
            var next = new AtomicInteger();
            var workers = new ArrayList<Thread>();
            var origin = System.nanoTime();
            for (var p = 0; p < parallel; p++) {
                workers.add(Thread.ofVirtual().start(() -> {
                    while (next.getAndIncrement() < requests) {
                        if (getter.get(0, url, origin).ok()) {
                            ok.incrementAndGet();
                        }
                    }
                }));
            }
            for (var w : workers) {
                w.join();
            }
            return ok.get();
        }
    }
}
