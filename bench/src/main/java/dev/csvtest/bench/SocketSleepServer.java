package dev.csvtest.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Bare-limit candidate 2: a blocking {@link ServerSocket} whose accept loop hands each connection to its own
 * virtual thread, which parses the request line, sleeps, answers and closes ({@code Connection: close}).
 * No keep-alive, no pipelining: the least work a server can do per request.
 */
public final class SocketSleepServer implements SleepServer {

    /** Bodies above this are written after the head instead of being copied into one buffer with it. */
    private static final int LARGE_BODY_BYTES = 16 * 1024;

    private final ServerSocket socket;
    private final ExecutorService executor;
    private final Thread acceptor;

    private final SleepRoute.Body body;

    private SocketSleepServer(ServerSocket socket, SleepRoute.Body body) {
        this.socket = socket;
        this.body = body;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.acceptor = Thread.ofPlatform().name("bare-accept").daemon().start(this::acceptLoop);
    }

    public static SocketSleepServer start(int port, int backlog) throws IOException {
        return start(port, backlog, SleepRoute.Body.DEFAULT);
    }

    public static SocketSleepServer start(int port, int backlog, SleepRoute.Body body) throws IOException {
        return new SocketSleepServer(new ServerSocket(port, backlog, InetAddress.getLoopbackAddress()), body);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                var client = socket.accept();
                executor.execute(() -> serve(client, body));
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                // accept failures (e.g. EMFILE) are transient: keep accepting
            }
        }
    }

    private static void serve(Socket client, SleepRoute.Body body) {
        try (client) {
            client.setTcpNoDelay(true);
            client.setSoTimeout(30_000);
            var in = new BufferedInputStream(client.getInputStream(), 2048);
            var requestLine = readLine(in);
            if (requestLine == null) {
                return;
            }
            String line;
            while ((line = readLine(in)) != null && !line.isEmpty()) {
                // headers are not needed
            }
            var out = client.getOutputStream();
            var parts = requestLine.split(" ");
            if (parts.length < 3 || !parts[0].equals("GET")) {
                respond(out, 405, "method not allowed\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            var target = parts[1];
            var q = target.indexOf('?');
            var path = q < 0 ? target : target.substring(0, q);
            if (!path.equals(SleepRoute.PATH)) {
                respond(out, 404, "not found\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            var millis = SleepRoute.delayMillis(q < 0 ? null : target.substring(q + 1));
            if (millis < 0) {
                respond(out, 400, "delay must be a number of seconds in [0, 60]\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            if (!SleepRoute.sleep(millis)) {
                return;
            }
            respond(out, 200, body.contentType(), body.bytes());
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    private static void respond(OutputStream out, int status, byte[] body) throws IOException {
        respond(out, status, "text/plain", body);
    }

    private static void respond(OutputStream out, int status, String contentType, byte[] body) throws IOException {
        var reason = switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            default -> "Method Not Allowed";
        };
        var head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + body.length + "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
        var headBytes = head.getBytes(StandardCharsets.US_ASCII);
        if (body.length > LARGE_BODY_BYTES) {
            // A large body (--body FILE) is written as it is: no per-request copy of it
            out.write(headBytes);
            out.write(body);
            out.flush();
            return;
        }
        var all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        out.write(all);
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        var sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                var len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            if (sb.length() > 8192) {
                throw new IOException("request line too long");
            }
            sb.append((char) c);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    @Override
    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        acceptor.interrupt();
        executor.shutdownNow();
    }
}
