package dev.csvtest.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.csvtest.s3.EmbeddedS3;

class FaultyS3ProxyTest {

    private static EmbeddedS3 s3;

    @BeforeAll
    static void start() {
        s3 = EmbeddedS3.start().put("bucket", "a.csv", "a,b\n".getBytes(StandardCharsets.UTF_8), "text/csv");
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Test
    void normal_forwardsAndRecordsRequestsWithTheirStatus() throws Exception {
        try (var proxy = FaultyS3Proxy.start(s3.port()); var http = HttpClient.newHttpClient()) {
            var ok = http.send(get(proxy.endpoint().resolve("/bucket/a.csv")), HttpResponse.BodyHandlers.ofString());
            var missing = http.send(get(proxy.endpoint().resolve("/bucket/missing.csv")), HttpResponse.BodyHandlers.ofString());

            assertThat(ok.body()).isEqualTo("a,b\n");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(proxy.requests()).extracting(FaultyS3Proxy.RecordedRequest::target, FaultyS3Proxy.RecordedRequest::responseStatus)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("/bucket/a.csv", 200),
                            org.assertj.core.groups.Tuple.tuple("/bucket/missing.csv", 404));
        }
    }

    @Test
    void latency_isAddedToEachRequest() throws Exception {
        try (var proxy = FaultyS3Proxy.start(s3.port()).latency(Duration.ofMillis(300)); var http = HttpClient.newHttpClient()) {
            long start = System.nanoTime();
            http.send(get(proxy.endpoint().resolve("/bucket/a.csv")), HttpResponse.BodyHandlers.ofString());

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void refuse_closesThePort_andNormalOpensItAgain() throws Exception {
        try (var proxy = FaultyS3Proxy.start(s3.port())) {
            proxy.mode(FaultyS3Proxy.Mode.REFUSE);
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), proxy.port()).close())
                    .isInstanceOf(ConnectException.class);

            proxy.mode(FaultyS3Proxy.Mode.NORMAL);
            try (var http = HttpClient.newHttpClient()) {
                assertThat(http.send(get(proxy.endpoint().resolve("/bucket/a.csv")), HttpResponse.BodyHandlers.ofString())
                        .statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void blackhole_acceptsAndCountsButNeverAnswers() throws IOException {
        try (var proxy = FaultyS3Proxy.start(s3.port()).mode(FaultyS3Proxy.Mode.BLACKHOLE);
             var http = HttpClient.newHttpClient()) {
            var request = HttpRequest.newBuilder(proxy.endpoint().resolve("/bucket/a.csv")).timeout(Duration.ofMillis(300)).build();

            assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);
            assertThat(proxy.requestCount()).isEqualTo(1);
        }
    }

    /** A guard against a hang, not a speed bound: a first request to a cold S3 server on a busy machine takes seconds. */
    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build();
    }
}
