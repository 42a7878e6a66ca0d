package dev.csvtest.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * A loopback TCP proxy that adds latency: every burst of bytes from the client waits {@code latency} before it is
 * forwarded, so each HTTP request through it takes at least that much longer. Used to give the embedded S3 the
 * 0.5 s latency of the overlap benchmark (the fetch must overlap the delay, not add to it).
 */
public final class DelayProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final long latencyMillis;

    private DelayProxy(ServerSocket server, int targetPort, Duration latency) {
        this.server = server;
        this.targetPort = targetPort;
        this.latencyMillis = latency.toMillis();
        Thread.ofPlatform().daemon().name("delay-proxy").start(this::acceptLoop);
    }

    /** Listens on a free loopback port and forwards to {@code 127.0.0.1:targetPort}. */
    public static DelayProxy start(int targetPort, Duration latency) throws IOException {
        return new DelayProxy(new ServerSocket(0, 1024, InetAddress.getLoopbackAddress()), targetPort, latency);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                var client = server.accept();
                Thread.ofVirtual().start(() -> connect(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        try (client; var upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            var back = Thread.ofVirtual().start(() -> pump(upstream, client, 0));
            pump(client, upstream, latencyMillis);
            back.join();
        } catch (IOException | InterruptedException e) {
            // a side closed: the connection is over
        }
    }

    private static void pump(Socket from, Socket to, long delayMillis) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            var buf = new byte[16 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            try {
                to.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
