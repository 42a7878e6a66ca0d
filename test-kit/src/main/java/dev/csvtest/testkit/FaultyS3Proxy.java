package dev.csvtest.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 in front of an S3-protocol server, for putting faults and latency between the SDK and
 * the server, and for counting what actually reaches the server.
 *
 * <ul>
 *   <li>{@link #latency(Duration)}: added before each HTTP request is forwarded.</li>
 *   <li>{@link Mode#REFUSE}: the listening port is closed (connections are refused) and open connections are cut.</li>
 *   <li>{@link Mode#BLACKHOLE}: connections are accepted and requests read, but nothing is ever forwarded or answered.</li>
 *   <li>{@link Mode#INTERNAL_ERROR_500}, {@link Mode#SLOW_DOWN_503}, {@link Mode#ACCESS_DENIED_403}: the proxy answers
 *       every request itself with that S3 error, worded as S3 words it (XML body with code, message, the resource
 *       and a request id), on a kept-alive connection as S3 does.</li>
 *   <li>{@link Mode#TRUNCATED_BODY}: the proxy answers 200 with a {@code Content-Length} of
 *       {@value #TRUNCATED_DECLARED_BYTES}, sends only half of that, then closes the connection.</li>
 * </ul>
 *
 * <p>{@link #openClientConnections()} counts the SDK's connections to the proxy that are still open, so tests can
 * see whether a client leaks connections under a fault.
 *
 * <p>It reads just enough HTTP/1.1 to record each request's method, target and headers, and the status line of the
 * response that follows (the SDK does not pipeline). Request bodies are followed by {@code Content-Length}; a
 * request body without one (chunked) stops the recording on that connection but not the forwarding.
 */
public final class FaultyS3Proxy implements AutoCloseable {

    public enum Mode {
        NORMAL, REFUSE, BLACKHOLE,
        INTERNAL_ERROR_500(new S3Error(500, "Internal Server Error", "InternalError",
                "We encountered an internal error. Please try again.")),
        SLOW_DOWN_503(new S3Error(503, "Slow Down", "SlowDown", "Please reduce your request rate.")),
        ACCESS_DENIED_403(new S3Error(403, "Forbidden", "AccessDenied", "Access Denied")),
        TRUNCATED_BODY;

        private final S3Error error;

        Mode() {
            this(null);
        }

        Mode(S3Error error) {
            this.error = error;
        }

        /** The S3 error code this mode answers with, or null. */
        public String s3Code() {
            return error == null ? null : error.code();
        }

        /** The S3 error message this mode answers with, or null. */
        public String s3Message() {
            return error == null ? null : error.message();
        }

        boolean answersItself() {
            return error != null || this == TRUNCATED_BODY;
        }
    }

    /** An error answer as S3 words it: the HTTP status and reason, and the code and message of its XML body. */
    record S3Error(int status, String reason, String code, String message) {
    }

    /** The request id in the proxy's own S3 error answers. */
    public static final String FAULT_REQUEST_ID = "FAULTPROXY0000001";
    /** The {@code Content-Length} {@link Mode#TRUNCATED_BODY} declares; half of it is sent. */
    public static final int TRUNCATED_DECLARED_BYTES = 4096;

    /** One request as the proxy saw it; {@link #responseStatus()} is 0 until the server's status line passed. */
    public static final class RecordedRequest {
        private final String method;
        private final String target;
        private final Map<String, String> headers;
        private volatile int responseStatus;

        RecordedRequest(String method, String target, Map<String, String> headers) {
            this.method = method;
            this.target = target;
            this.headers = Collections.unmodifiableMap(headers);
        }

        public String method() {
            return method;
        }

        /** The request target, e.g. {@code /bucket/key?x-id=GetObject}. */
        public String target() {
            return target;
        }

        /** Header names in lower case. */
        public Map<String, String> headers() {
            return headers;
        }

        public int responseStatus() {
            return responseStatus;
        }

        @Override
        public String toString() {
            return method + " " + target + " -> " + responseStatus;
        }
    }

    private final int targetPort;
    private final int port;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private volatile Duration latency = Duration.ZERO;
    private volatile Mode mode = Mode.NORMAL;
    private volatile ServerSocket listener;
    private volatile Thread acceptor;
    private volatile boolean closed;

    private FaultyS3Proxy(int targetPort, ServerSocket listener) {
        this.targetPort = targetPort;
        this.listener = listener;
        this.port = listener.getLocalPort();
    }

    /** Starts a proxy on a free loopback port, forwarding to {@code 127.0.0.1:targetPort}. */
    public static FaultyS3Proxy start(int targetPort) {
        try {
            var proxy = new FaultyS3Proxy(targetPort, bind(0));
            proxy.acceptOn(proxy.listener);
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("fault proxy failed to start", e);
        }
    }

    /** Endpoint for the SDK ({@code AWS_ENDPOINT_URL_S3}); use with path-style addressing. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Latency added before each request is forwarded. */
    public FaultyS3Proxy latency(Duration latency) {
        this.latency = Objects.requireNonNull(latency, "latency");
        return this;
    }

    public synchronized FaultyS3Proxy mode(Mode next) {
        Objects.requireNonNull(next, "mode");
        var previous = mode;
        mode = next;
        if (next == Mode.REFUSE && previous != Mode.REFUSE) {
            stopListening();
            open.forEach(FaultyS3Proxy::closeQuietly);
        } else if (next != Mode.REFUSE && previous == Mode.REFUSE) {
            try {
                listener = bind(port);
                acceptOn(listener);
            } catch (IOException e) {
                throw new IllegalStateException("fault proxy could not listen on port " + port + " again", e);
            }
        }
        if (next != previous) {
            // A kept-alive connection would otherwise go on in the old mode: the new one applies to every request.
            open.forEach(FaultyS3Proxy::closeQuietly);
        }
        return this;
    }

    /** Requests seen so far, including those swallowed in {@link Mode#BLACKHOLE}. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public int requestCount() {
        return requests.size();
    }

    /** Connections from the client (the SDK) to the proxy that are open right now. */
    public int openClientConnections() {
        return clients.size();
    }

    /** Forgets the recorded requests. */
    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        closed = true;
        stopListening();
        open.forEach(FaultyS3Proxy::closeQuietly);
    }

    /**
     * Closes the listening socket and waits for the accept thread to end: a virtual thread blocked in
     * {@code accept()} releases the socket only when it wakes, and until then the kernel would still complete
     * connections into the backlog.
     */
    private void stopListening() {
        closeQuietly(listener);
        var thread = acceptor;
        if (thread != null) {
            try {
                if (!thread.join(Duration.ofSeconds(2))) {
                    throw new IllegalStateException("fault proxy accept thread did not stop");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        var socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void acceptOn(ServerSocket server) {
        acceptor = Thread.ofVirtual().name("fault-proxy-accept-" + port).start(() -> {
            while (!closed && !server.isClosed()) {
                try {
                    var client = server.accept();
                    Thread.ofVirtual().name("fault-proxy-conn").start(() -> serve(client));
                } catch (IOException e) {
                    return; // listener closed (REFUSE or close())
                }
            }
        });
    }

    private void serve(Socket client) {
        open.add(client);
        clients.add(client);
        Socket upstream = null;
        try (client) {
            client.setTcpNoDelay(true);
            var current = mode;
            if (current == Mode.BLACKHOLE) {
                swallow(client.getInputStream());
                return;
            }
            if (current.answersItself()) {
                answer(client, current);
                return;
            }
            upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            upstream.setTcpNoDelay(true);
            open.add(upstream);
            var pending = new ArrayDeque<RecordedRequest>();
            var up = upstream;
            var responses = Thread.ofVirtual().name("fault-proxy-resp").start(() -> pumpResponses(up, client, pending));
            pumpRequests(client.getInputStream(), upstream.getOutputStream(), pending);
            // The client closed its side: close ours to the server too, so the connection ends now rather than when
            // the server's idle timeout fires (the client's connection count must show what the client holds).
            closeQuietly(upstream);
            responses.join();
        } catch (IOException | InterruptedException e) {
            // connection over
        } finally {
            open.remove(client);
            clients.remove(client);
            if (upstream != null) {
                open.remove(upstream);
                closeQuietly(upstream);
            }
        }
    }

    /** Answers every request on the connection with the mode's fault; a truncated body ends the connection. */
    private void answer(Socket client, Mode fault) throws IOException {
        var in = client.getInputStream();
        var out = client.getOutputStream();
        var parser = new RequestParser();
        var buffer = new byte[16 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            for (var request : parser.feed(buffer, n)) {
                requests.add(request);
                if (fault == Mode.TRUNCATED_BODY) {
                    request.responseStatus = 200;
                    var head = "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: " + TRUNCATED_DECLARED_BYTES
                            + "\r\nETag: \"truncated-0001\"\r\nx-amz-request-id: " + FAULT_REQUEST_ID + "\r\n\r\n";
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    out.write("a,b\n".repeat(TRUNCATED_DECLARED_BYTES / 8).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return; // and close: the rest of the body never comes
                }
                var error = fault.error;
                request.responseStatus = error.status();
                var body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + error.code() + "</Code><Message>"
                        + error.message() + "</Message><Resource>" + request.target().replace("&", "&amp;").replace("<", "&lt;")
                        + "</Resource><RequestId>" + FAULT_REQUEST_ID + "</RequestId><HostId>fault-proxy-host-id</HostId></Error>")
                        .getBytes(StandardCharsets.UTF_8);
                var head = "HTTP/1.1 " + error.status() + " " + error.reason() + "\r\nContent-Type: application/xml\r\n"
                        + "Content-Length: " + body.length + "\r\nx-amz-request-id: " + FAULT_REQUEST_ID + "\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        }
    }

    private void swallow(InputStream in) throws IOException {
        var parser = new RequestParser();
        var buffer = new byte[16 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            parser.feed(buffer, n).forEach(requests::add);
        }
    }

    private void pumpRequests(InputStream in, OutputStream out, Deque<RecordedRequest> pending)
            throws IOException, InterruptedException {
        var parser = new RequestParser();
        var buffer = new byte[16 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            var heads = parser.feed(buffer, n);
            for (var request : heads) {
                requests.add(request);
                synchronized (pending) {
                    pending.addLast(request);
                }
            }
            if (mode == Mode.BLACKHOLE) {
                continue;
            }
            if (!heads.isEmpty() && latency.isPositive()) {
                Thread.sleep(latency);
            }
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    private void pumpResponses(Socket upstream, Socket client, Deque<RecordedRequest> pending) {
        try (var in = upstream.getInputStream()) {
            var out = client.getOutputStream();
            var buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (mode == Mode.BLACKHOLE) {
                    continue;
                }
                if (n >= 12 && buffer[0] == 'H' && buffer[1] == 'T' && buffer[2] == 'T' && buffer[3] == 'P') {
                    RecordedRequest request;
                    synchronized (pending) {
                        request = pending.pollFirst();
                    }
                    if (request != null) {
                        request.responseStatus = parseStatus(buffer, n);
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // upstream or client gone
        } finally {
            closeQuietly(client);
        }
    }

    private static int parseStatus(byte[] buffer, int n) {
        var line = new String(buffer, 0, Math.min(n, 16), StandardCharsets.US_ASCII);
        try {
            return Integer.parseInt(line.substring(9, 12));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Splits a client byte stream into request heads, skipping bodies by Content-Length. */
    private static final class RequestParser {
        private final ByteArrayOutputStream head = new ByteArrayOutputStream();
        private long bodyLeft;
        private boolean lost;
        private int lastFour;

        List<RecordedRequest> feed(byte[] buffer, int length) {
            var found = new ArrayList<RecordedRequest>(1);
            int i = 0;
            while (i < length && !lost) {
                if (bodyLeft > 0) {
                    int skip = (int) Math.min(bodyLeft, length - i);
                    bodyLeft -= skip;
                    i += skip;
                    continue;
                }
                var b = buffer[i++];
                head.write(b);
                lastFour = (lastFour << 8) | (b & 0xff);
                if (lastFour == 0x0d0a0d0a) { // CR LF CR LF ends the head
                    found.add(parseHead());
                    head.reset();
                    lastFour = 0;
                }
            }
            return found;
        }

        private RecordedRequest parseHead() {
            var lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            var requestLine = lines[0].split(" ");
            var headers = new LinkedHashMap<String, String>();
            for (int l = 1; l < lines.length; l++) {
                int colon = lines[l].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[l].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[l].substring(colon + 1).trim());
                }
            }
            var contentLength = headers.get("content-length");
            if (contentLength != null) {
                bodyLeft = Long.parseLong(contentLength);
            } else if (headers.containsKey("transfer-encoding")) {
                lost = true;
            }
            return new RecordedRequest(requestLine[0], requestLine.length > 1 ? requestLine[1] : "", headers);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
