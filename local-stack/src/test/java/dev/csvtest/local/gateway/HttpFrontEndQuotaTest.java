package dev.csvtest.local.gateway;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP API's quota "total combined size of request line and header values: 10240 bytes" as the front end applies it:
 * the request line without its CRLF plus every header value, header names not counted. The conformance suite's
 * {@code quota-*} requests found the earlier count (every byte of the head, names and line ends included) refusing
 * requests that are inside the quota.
 */
class HttpFrontEndQuotaTest {

    private static HttpFrontEnd server;

    @BeforeAll
    static void start() throws IOException {
        server = new HttpFrontEnd("127.0.0.1", 0, 50,
                request -> new GatewayReply(200, List.of(Map.entry("content-type", "text/plain")), "ok".getBytes(ISO_8859_1)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A GET whose request line plus header values add up to exactly {@code total} bytes. */
    private static String requestOfQuotaSize(int total, List<Map.Entry<String, String>> extraHeaders) {
        var headers = new ArrayList<Map.Entry<String, String>>();
        headers.add(Map.entry("Host", "127.0.0.1:" + server.port()));
        headers.addAll(extraHeaders);
        String prefix = "GET /csv_test?delay=0&pad=";
        String suffix = " HTTP/1.1";
        int used = prefix.length() + suffix.length() + headers.stream().mapToInt(h -> h.getValue().length()).sum();
        var text = new StringBuilder(prefix).append("x".repeat(total - used)).append(suffix).append("\r\n");
        headers.forEach(h -> text.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        return text.append("\r\n").toString();
    }

    private static String statusLine(String request) throws IOException {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            var line = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
                line.append((char) b);
            }
            return line.toString();
        }
    }

    @Test
    void requestLinePlusHeaderValuesOfExactly10240Bytes_isServed() throws IOException {
        assertThat(statusLine(requestOfQuotaSize(10_240, List.of(Map.entry("User-Agent", "probe/1"))))).isEqualTo("HTTP/1.1 200 OK");
    }

    @Test
    void oneByteOverTheQuota_gets431() throws IOException {
        assertThat(statusLine(requestOfQuotaSize(10_241, List.of(Map.entry("User-Agent", "probe/1")))))
                .isEqualTo("HTTP/1.1 431 Request Header Fields Too Large");
    }

    @Test
    void headerNamesAndLineEnds_doNotCount() throws IOException {
        // 10,000 bytes of line and values, plus 20 headers with 60-character names: the raw head is over 11,200 bytes.
        var longNames = new ArrayList<Map.Entry<String, String>>();
        for (int i = 0; i < 20; i++) {
            longNames.add(Map.entry("X-A-Rather-Long-Header-Name-To-Make-The-Raw-Head-Bigger-" + String.format("%04d", i), "v"));
        }
        String request = requestOfQuotaSize(10_000, longNames);
        assertThat(request.length()).isGreaterThan(11_200);
        assertThat(statusLine(request)).isEqualTo("HTTP/1.1 200 OK");
    }

    @Test
    void aHeadOverTheRawBound_gets431_evenWithShortValues() throws IOException {
        var names = new ArrayList<Map.Entry<String, String>>();
        for (int i = 0; i < 1_000; i++) {
            names.add(Map.entry("X-Name-Only-" + "n".repeat(40) + i, ""));
        }
        assertThat(statusLine(requestOfQuotaSize(100, names))).isEqualTo("HTTP/1.1 431 Request Header Fields Too Large");
    }
}
