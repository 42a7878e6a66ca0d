package dev.csvtest.local.gateway;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import dev.csvtest.local.io.Closing;

/**
 * A small HTTP/1.1 server: one virtual thread per connection, blocking sockets, keep-alive, {@code Content-Length}
 * and chunked request bodies. It exists because API Gateway hands back the response header names a function gave
 * ({@code Content-Type}, {@code ETag}, {@code x-Custom}) and the JDK's {@code com.sun.net.httpserver} rewrites
 * every name to its own capitalisation ({@code Content-type}, {@code Etag}); here they are written byte for byte.
 *
 * <p>It also enforces API Gateway's request quota, "total combined size of request line and header values": when the
 * request line (without its CRLF) and the header values (without the names, the colons and the surrounding blanks)
 * add up to more than {@value #MAX_HEAD_BYTES} bytes, the answer is 431; header names do not count, as in the quota's
 * wording. The raw head (names and line ends included) has a separate, larger bound of {@value #MAX_RAW_HEAD_BYTES}
 * bytes (also 431) so that names cannot grow without limit. A body over {@link #MAX_BODY_BYTES} gets 413. Malformed
 * requests get 400 (505 for an HTTP version other than 1.x) and the connection is closed. The request line and headers must arrive within
 * {@link #HEAD_TIMEOUT_MILLIS} of the first byte, so slow clients cannot hold a connection forever; an idle kept-alive
 * connection is closed after {@link #IDLE_TIMEOUT_MILLIS}.
 */
final class HttpFrontEnd implements AutoCloseable {

    /** API Gateway's quota on the total combined size of request line and header values. */
    static final int MAX_HEAD_BYTES = 10_240;
    /** Our own bound on the whole head as received (header names and line ends included), well above the quota. */
    static final int MAX_RAW_HEAD_BYTES = 4 * MAX_HEAD_BYTES;
    /** API Gateway's maximum request payload (both API kinds). */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    static final int HEAD_TIMEOUT_MILLIS = 30_000;
    static final int IDLE_TIMEOUT_MILLIS = 60_000;

    /** One parsed request: header names as received, in arrival order, a name repeated as often as it came. */
    record Request(String method, String target, String protocol, List<Map.Entry<String, String>> headers, byte[] body,
                   InetSocketAddress remote) {

        String header(String name) {
            String found = null;
            for (var h : headers) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    found = found == null ? h.getValue() : found + "," + h.getValue();
                }
            }
            return found;
        }
    }

    /** Answers one request; it runs on the connection's virtual thread and may block. */
    interface Handler {
        GatewayReply handle(Request request);
    }

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Handler handler;
    private final Thread acceptor;
    private volatile boolean closed;

    HttpFrontEnd(String host, int port, int backlog, Handler handler) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket();
        this.server.setReuseAddress(true);
        this.server.bind(new InetSocketAddress(InetAddress.getByName(host), port), backlog);
        this.acceptor = Thread.ofPlatform().name("http-accept-" + server.getLocalPort()).daemon().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            var in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = socket.getOutputStream();
            var remote = (InetSocketAddress) socket.getRemoteSocketAddress();
            boolean keepAlive = true;
            while (keepAlive && !closed) {
                socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
                in.mark(1);
                if (in.read() < 0) {
                    return;
                }
                in.reset();
                Request request;
                try {
                    request = readRequest(socket, in, out, remote);
                } catch (Refused refused) {
                    write(out, refused.reply, false, false);
                    drain(socket, in);
                    return;
                }
                String connection = String.valueOf(request.header("connection")).toLowerCase(Locale.ROOT);
                keepAlive = request.protocol().equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");
                GatewayReply reply = handler.handle(request);
                write(out, reply, request.method().equals("HEAD"), keepAlive);
            }
        } catch (SocketTimeoutException | EOFException | SocketException idleOrGone) {
            // idle past the timeout, slow past the head timeout, or the client went away: close
        } catch (IOException e) {
            // the client went away mid-exchange
        } finally {
            open.remove(socket);
        }
    }

    /** A request the front end answers itself (and then closes the connection). */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final transient GatewayReply reply;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.reply = GatewayReply.message(status, message);
        }
    }

    private Request readRequest(Socket socket, InputStream in, OutputStream out, InetSocketAddress remote)
            throws IOException, Refused {
        long deadline = System.nanoTime() + HEAD_TIMEOUT_MILLIS * 1_000_000L;
        int[] budget = {MAX_RAW_HEAD_BYTES};
        String line = readLine(socket, in, deadline, budget);
        while (line.isEmpty()) {           // RFC 9112: ignore empty lines before the request line
            line = readLine(socket, in, deadline, budget);
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !TOKEN.matcher(parts[0]).matches() || parts[1].isEmpty()) {
            throw new Refused(400, "Bad Request");
        }
        String method = parts[0];
        String target = parts[1];
        String protocol = parts[2];
        if (!protocol.matches("HTTP/\\d\\.\\d")) {
            throw new Refused(400, "Bad Request");
        }
        if (!protocol.equals("HTTP/1.1") && !protocol.equals("HTTP/1.0")) {
            throw new Refused(505, "HTTP Version Not Supported");
        }
        if (target.startsWith("http://") || target.startsWith("https://")) {
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        if (!target.startsWith("/") || target.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw new Refused(400, "Bad Request");
        }
        var headers = new ArrayList<Map.Entry<String, String>>();
        for (String h = readLine(socket, in, deadline, budget); !h.isEmpty(); h = readLine(socket, in, deadline, budget)) {
            int colon = h.indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(h.substring(0, colon)).matches()) {
                throw new Refused(400, "Bad Request");
            }
            headers.add(Map.entry(h.substring(0, colon), h.substring(colon + 1).strip()));
        }
        long quota = line.length();                   // ISO-8859-1: one char per byte
        for (var h : headers) {
            quota += h.getValue().length();
        }
        if (quota > MAX_HEAD_BYTES) {
            throw new Refused(431, "Request Header Fields Too Large");
        }
        var request = new Request(method, target, protocol, headers, new byte[0], remote);
        if (protocol.equals("HTTP/1.1") && request.header("host") == null) {
            throw new Refused(400, "Bad Request");
        }
        socket.setSoTimeout(HEAD_TIMEOUT_MILLIS);
        String te = request.header("transfer-encoding");
        String cl = request.header("content-length");
        byte[] body;
        if (te != null) {
            if (cl != null || !te.strip().equalsIgnoreCase("chunked")) {
                throw new Refused(400, "Bad Request");
            }
            continueIfExpected(request, out);
            body = readChunked(in);
        } else if (cl != null) {
            long length;
            try {
                length = Long.parseLong(cl.strip());
            } catch (NumberFormatException e) {
                throw new Refused(400, "Bad Request");
            }
            if (length < 0) {
                throw new Refused(400, "Bad Request");
            }
            if (length > MAX_BODY_BYTES) {
                throw new Refused(413, "Request Entity Too Large");
            }
            continueIfExpected(request, out);
            body = in.readNBytes((int) length);
            if (body.length < length) {
                throw new EOFException("body ended early");
            }
        } else {
            body = new byte[0];
        }
        return new Request(method, target, protocol, headers, body, remote);
    }

    private static void continueIfExpected(Request request, OutputStream out) throws IOException {
        if ("100-continue".equalsIgnoreCase(String.valueOf(request.header("expect")).strip())) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(ISO_8859_1));
            out.flush();
        }
    }

    private static byte[] readChunked(InputStream in) throws IOException, Refused {
        var body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readRawLine(in, 1024);
            int semi = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new Refused(400, "Bad Request");
            }
            if (size < 0) {
                throw new Refused(400, "Bad Request");
            }
            if (size == 0) {
                String trailer = readRawLine(in, 8 * 1024);
                while (!trailer.isEmpty()) {      // trailers: read and dropped
                    trailer = readRawLine(in, 8 * 1024);
                }
                return body.toByteArray();
            }
            if (body.size() + (long) size > MAX_BODY_BYTES) {
                throw new Refused(413, "Request Entity Too Large");
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new EOFException("chunk ended early");
            }
            body.write(chunk);
            if (!readRawLine(in, 2).isEmpty()) {
                throw new Refused(400, "Bad Request");
            }
        }
    }

    /** A CRLF (or LF) terminated line of the head, charged against the head's byte budget. */
    private static String readLine(Socket socket, InputStream in, long deadline, int[] budget) throws IOException, Refused {
        var line = new ByteArrayOutputStream(128);
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new SocketTimeoutException("request head not complete in time");
            }
            socket.setSoTimeout((int) Math.max(1, left));
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the request head");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, ISO_8859_1);
            }
            if (--budget[0] < 0) {
                throw new Refused(431, "Request Header Fields Too Large");
            }
            line.write(b);
        }
    }

    private static String readRawLine(InputStream in, int max) throws IOException, Refused {
        var line = new ByteArrayOutputStream(16);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed in a chunked body");
            }
            if (line.size() > max) {
                throw new Refused(400, "Bad Request");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, n, ISO_8859_1);
    }

    private static void write(OutputStream out, GatewayReply reply, boolean head, boolean keepAlive) throws IOException {
        int status = reply.status();
        boolean noBody = status == 204 || status == 304 || (status >= 100 && status < 200);
        var text = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        boolean hasDate = false;
        for (var header : reply.headers()) {
            String name = header.getKey();
            if (name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding")
                    || name.equalsIgnoreCase("connection") || !TOKEN.matcher(name).matches()) {
                continue;
            }
            hasDate |= name.equalsIgnoreCase("date");
            text.append(name).append(": ").append(header.getValue().replace('\r', ' ').replace('\n', ' ')).append("\r\n");
        }
        if (!hasDate) {
            text.append("Date: ").append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        }
        if (!noBody) {
            text.append("Content-Length: ").append(reply.body().length).append("\r\n");
        }
        text.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
        out.write(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!noBody && !head) {
            out.write(reply.body());
        }
        out.flush();
    }

    /** After a refusal: let the client finish sending (briefly), so it reads the answer instead of a reset. */
    private static void drain(Socket socket, InputStream in) {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(500);
            long limit = 1 << 20;
            while (limit > 0) {
                long skipped = in.skip(limit);
                if (skipped <= 0 && in.read() < 0) {
                    return;
                }
                limit -= Math.max(skipped, 1);
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 206 -> "Partial Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Request Entity Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }

    @Override
    public void close() {
        closed = true;
        Closing.quietly(server);
        for (var socket : open) {
            Closing.quietly(socket);
        }
        connections.shutdownNow();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
