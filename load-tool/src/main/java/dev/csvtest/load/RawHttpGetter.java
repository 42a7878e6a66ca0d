package dev.csvtest.load;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal HTTP/1.1 GET client: one blocking socket per request, {@code Connection: close}, meant to run on a
 * virtual thread. It does what separate browsers do (one connection each) at a fraction of the cost of a
 * {@link java.net.http.HttpClient} per request: at N=10,000 it holds 10,000 sockets and about 8 KB of buffer each.
 *
 * <p>It reads the body to the end (Content-Length, chunked, or until the server closes), so a request's
 * latency is the time to its last byte, as a browser would see the download finish.
 */
public final class RawHttpGetter implements HttpGetter {

    private static final int BUFFER = 8192;
    private static final String USER_AGENT = "csv-test-load/1.0";

    private final long timeoutNanos;

    public RawHttpGetter(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** Everything a request needs before its connect: the socket already exists (its fd is open). */
    private record Ready(Socket socket, InetSocketAddress address, String host, int port, boolean https,
                         byte[] request) {
    }

    @Override
    public Prepared prepare(int index, String url) {
        try {
            var uri = URI.create(url);
            var https = "https".equalsIgnoreCase(uri.getScheme());
            var port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
            var host = uri.getHost();
            if (host == null) {
                throw new IllegalArgumentException("no host in " + url);
            }
            var socket = new Socket();
            socket.setTcpNoDelay(true); // creates the socket's file descriptor now, outside the measured window
            return new Prepared(index, url, new Ready(socket, new InetSocketAddress(host, port), host, port, https,
                    request(uri, host, port, https)));
        } catch (IOException | RuntimeException e) {
            return new Prepared(index, url, e);
        }
    }

    @Override
    public Outcome send(Prepared prepared, long origin) {
        var start = System.nanoTime();
        var index = prepared.index();
        if (!(prepared.state() instanceof Ready ready)) {
            var e = prepared.state() instanceof Exception x ? x : new IllegalStateException("not prepared");
            return Outcome.failure(index, start - origin, System.nanoTime() - origin, classify(e, false),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        var deadline = start + timeoutNanos;
        var connected = false;
        try (var socket = ready.socket()) {
            if (ready.address().isUnresolved()) {
                throw new UnknownHostException(ready.host());
            }
            socket.connect(ready.address(), remainingMillis(deadline));
            connected = true;
            Socket s = socket;
            if (ready.https()) {
                var tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, ready.host(), ready.port(), true);
                tls.setSoTimeout(remainingMillis(deadline));
                tls.startHandshake();
                s = tls;
            }
            var out = s.getOutputStream();
            out.write(ready.request());
            out.flush();
            var in = new BufferedInputStream(s.getInputStream(), BUFFER);
            var response = readResponse(s, in, deadline);
            var end = System.nanoTime();
            return Outcome.response(index, start - origin, end - origin, (int) response[0], response[1]);
        } catch (IOException | RuntimeException e) {
            return Outcome.failure(index, start - origin, System.nanoTime() - origin, classify(e, connected),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static ErrorKind classify(Exception e, boolean connected) {
        var msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return switch (e) {
            case ConnectException c when msg.contains("refused") -> ErrorKind.CONNECT_REFUSED;
            case SocketTimeoutException t -> connected ? ErrorKind.TIMEOUT : ErrorKind.CONNECT_TIMEOUT;
            case UnknownHostException u -> ErrorKind.UNKNOWN_HOST;
            case SSLException s -> ErrorKind.TLS;
            case EOFException eof -> ErrorKind.CLOSED_EARLY;
            case MalformedResponseException m -> ErrorKind.BAD_RESPONSE;
            case SocketException s when msg.contains("reset") || msg.contains("broken pipe") -> ErrorKind.RESET;
            case IllegalArgumentException i -> ErrorKind.BAD_RESPONSE;
            default -> ErrorKind.IO;
        };
    }

    private static byte[] request(URI uri, String host, int port, boolean https) {
        var path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        var defaultPort = https ? port == 443 : port == 80;
        var hostHeader = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                + (defaultPort ? "" : ":" + port);
        return ("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: " + USER_AGENT
                + "\r\nAccept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Returns {status, bodyBytes}. */
    private static long[] readResponse(Socket s, InputStream in, long deadline) throws IOException {
        int status;
        do {
            s.setSoTimeout(remainingMillis(deadline));
            var statusLine = readLine(in);
            if (statusLine == null) {
                throw new EOFException("connection closed before the status line");
            }
            var parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new MalformedResponseException("bad status line: " + abbreviate(statusLine));
            }
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new MalformedResponseException("bad status code: " + abbreviate(statusLine));
            }
            long contentLength = -1;
            var chunked = false;
            String line;
            while ((line = readLine(in)) != null && !line.isEmpty()) {
                var colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new MalformedResponseException("bad header line: " + abbreviate(line));
                }
                var name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                var value = line.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    try {
                        contentLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new MalformedResponseException("bad content-length: " + abbreviate(value));
                    }
                } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            if (line == null) {
                throw new EOFException("connection closed inside the headers");
            }
            if (status >= 100 && status < 200) {
                continue; // interim response (100 Continue, 103 Early Hints): the real one follows
            }
            long body;
            if (status == 204 || status == 304) {
                body = 0;
            } else if (chunked) {
                body = readChunked(s, in, deadline);
            } else if (contentLength >= 0) {
                body = skipExactly(s, in, contentLength, deadline);
            } else {
                body = skipToEnd(s, in, deadline);
            }
            return new long[] {status, body};
        } while (true);
    }

    private static long readChunked(Socket s, InputStream in, long deadline) throws IOException {
        long total = 0;
        while (true) {
            s.setSoTimeout(remainingMillis(deadline));
            var sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            var semi = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new MalformedResponseException("bad chunk size: " + abbreviate(sizeLine));
            }
            if (size == 0) {
                String trailer;
                while ((trailer = readLine(in)) != null && !trailer.isEmpty()) {
                    // trailers are ignored
                }
                return total;
            }
            total += skipExactly(s, in, size, deadline);
            readLine(in); // CRLF after the chunk
        }
    }

    private static long skipExactly(Socket s, InputStream in, long n, long deadline) throws IOException {
        var buf = new byte[(int) Math.min(BUFFER, Math.max(1, n))];
        long left = n;
        while (left > 0) {
            s.setSoTimeout(remainingMillis(deadline));
            var r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new EOFException("connection closed after " + (n - left) + " of " + n + " body bytes");
            }
            left -= r;
        }
        return n;
    }

    private static long skipToEnd(Socket s, InputStream in, long deadline) throws IOException {
        var buf = new byte[BUFFER];
        long total = 0;
        while (true) {
            s.setSoTimeout(remainingMillis(deadline));
            var r = in.read(buf);
            if (r < 0) {
                return total;
            }
            total += r;
        }
    }

    /** Reads a CRLF- (or LF-) terminated ISO-8859-1 line; null at end of stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        var sb = new StringBuilder(64);
        while (true) {
            var c = in.read();
            if (c < 0) {
                return sb.isEmpty() ? null : sb.toString();
            }
            if (c == '\n') {
                var len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            if (sb.length() > 16 * 1024) {
                throw new MalformedResponseException("header line longer than 16 KB");
            }
            sb.append((char) c);
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        var left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("request timeout exceeded");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** The server's bytes are not HTTP/1.x. */
    static final class MalformedResponseException extends IOException {
        MalformedResponseException(String message) {
            super(message);
        }
    }
}
