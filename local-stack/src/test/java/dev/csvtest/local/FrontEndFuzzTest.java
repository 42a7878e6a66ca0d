package dev.csvtest.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import dev.csvtest.testkit.FuzzTally;

/**
 * Fuzzes the local stack's HTTP front end over raw sockets: malformed request lines, huge headers, slow and idle
 * clients. Every case must end in a 4xx (or 501/505, never another 5xx) or a closed connection within
 * {@link #ANSWER_TIMEOUT}, and
 * afterwards a normal {@code GET /echo} must still get its 200 within {@link #ANSWER_TIMEOUT}: the
 * front end is never wedged.
 *
 * <p>Target: a local stack started here on a free port with the fixture template (its {@code /echo} route);
 * or a running one named by {@code -Dcsvtest.local.url=http://127.0.0.1:<port>}.
 */
@Tag("frontend-fuzz")
class FrontEndFuzzTest {

    static final String TARGET_PROPERTY = "csvtest.local.url";

    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);
    static final int SLOW_CLIENTS = 50;
    /**
     * A 5xx that means the server failed. 501 (unknown method) and 505 (unsupported HTTP version) are the correct
     * protocol answers to some malformed request lines, as the JDK's simple server gives them, so they are allowed.
     */
    static final String SERVER_FAILURE = "HTTP/\\d(\\.\\d)? 5(?!01|05)\\d\\d.*";

    private static URI base;
    /** The stack this test started, or null when it fuzzes one named by {@value #TARGET_PROPERTY}. */
    private static LocalStack stack;
    private static HttpClient http;
    private static final FuzzTally tally = new FuzzTally();

    @BeforeContainer
    static void start() {
        var url = System.getProperty(TARGET_PROPERTY, "").strip();
        if (url.isEmpty()) {
            stack = LocalStack.start(LocalStackOptions.builder(Map.of()).template(LocalStackApiTest.FIXTURES)
                    .port(0).log(line -> { }, new PrintStream(OutputStream.nullOutputStream())).build());
            url = stack.url();
        }
        base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        http = HttpClient.newBuilder().connectTimeout(ANSWER_TIMEOUT).build();
    }

    @AfterContainer
    static void stop() {
        http.close();
        if (stack != null) {
            stack.close();
        }
        System.out.println(tally.summary("FRONTEND-FUZZ", "wedged"));
    }

    @Property(tries = 300)
    void malformedRequestLines(@ForAll("requestLines") String line) throws Exception {
        rawCase((line + "\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    @Property(tries = 100)
    void hugeHeaders(@ForAll @IntRange(min = 8 * 1024, max = 1024 * 1024) int size, @ForAll boolean manyHeaders)
            throws Exception {
        var request = new StringBuilder("GET /echo?x=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (manyHeaders) {
            for (int i = 0; request.length() < size; i++) {
                request.append("X-Fuzz-").append(i).append(": ").append("v".repeat(64)).append("\r\n");
            }
        } else {
            request.append("X-Fuzz: ").append("v".repeat(size)).append("\r\n");
        }
        rawCase(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Example
    void slowAndIdleClients_doNotWedgeTheFrontEnd() throws Exception {
        var sockets = new ArrayList<Socket>();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                var socket = new Socket();
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) ANSWER_TIMEOUT.toMillis());
                sockets.add(socket);
                if (i % 2 == 0) {
                    socket.getOutputStream().write("GET /echo?x=0 HTTP/1.1\r\nHost: 1".getBytes(StandardCharsets.US_ASCII));
                }
            }
            for (int drip = 0; drip < 4; drip++) { // slowloris: a header byte at a time, never finishing
                for (int i = 0; i < sockets.size(); i += 2) {
                    sockets.get(i).getOutputStream().write('2');
                }
                assertServes();
                Thread.sleep(250);
            }
        } finally {
            for (var socket : sockets) {
                socket.close();
            }
        }
        assertServes();
    }

    @Provide
    Arbitrary<String> requestLines() {
        var methods = Arbitraries.oneOf(Arbitraries.of("GET", "HEAD", "POST", "get", "", "G E T", "BREW", "\u0000"),
                Arbitraries.strings().ofMaxLength(12));
        var targets = Arbitraries.oneOf(
                Arbitraries.of("/echo", "/echo?x=0", "*", "", "http://evil/echo", "/%", "/%zz",
                        "/echo?x=%ZZ", "/../../etc/passwd", "//", "/echo?" + "a".repeat(9000)),
                Arbitraries.strings().ofMaxLength(60));
        var versions = Arbitraries.oneOf(Arbitraries.of("HTTP/1.1", "HTTP/1.0", "HTTP/2", "HTTP/9.9", "", "http/1.1"),
                Arbitraries.strings().ofMaxLength(10));
        var separators = Arbitraries.of(" ", "  ", "\t", "");
        return methods.flatMap(m -> targets.flatMap(t -> versions.flatMap(v -> separators.map(s ->
                (m + s + t + s + v).replace("\r", "").replace("\n", "")))));
    }

    /** Sends one raw request; the answer must be a non-5xx status line or a close, in time; then the server must serve. */
    private static void rawCase(byte[] request) throws Exception {
        tally.countCase();
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) ANSWER_TIMEOUT.toMillis());
            socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
            try {
                socket.getOutputStream().write(request);
                socket.shutdownOutput();
            } catch (IOException e) {
                // the server may close on an oversized request before reading all of it: fine
            }
            var statusLine = readStatusLine(socket.getInputStream());
            if (statusLine.matches(SERVER_FAILURE)) {
                tally.countServerError();
            }
            assertThat(statusLine).as("answer to a malformed request").doesNotMatch(SERVER_FAILURE);
        } catch (SocketTimeoutException e) {
            tally.countHang();
            throw new AssertionError("no answer and no close within " + ANSWER_TIMEOUT, e);
        }
        assertServes();
    }

    /** The status line, or "" if the server closed without one. */
    private static String readStatusLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        try {
            for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
                line.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            return ""; // reset by the server: a close
        }
        return line.toString(StandardCharsets.ISO_8859_1).strip();
    }

    private static void assertServes() throws Exception {
        var request = HttpRequest.newBuilder(base.resolve("/echo?x=0")).timeout(ANSWER_TIMEOUT).GET().build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).as("a normal request after the fuzz case").isEqualTo(200);
        } catch (java.net.http.HttpTimeoutException e) {
            tally.countHang();
            throw new AssertionError("the front end is wedged: a normal request got no answer in " + ANSWER_TIMEOUT, e);
        }
    }
}
