package dev.csvtest.function;

import static dev.csvtest.function.Fixtures.BUCKET;
import static dev.csvtest.function.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.csvtest.testkit.S3Backend;
import dev.csvtest.testkit.FaultyS3Proxy;
import dev.csvtest.testkit.TestContext;

/** The per-environment cache, observed at the S3 side: requests are counted at the proxy, time is a test clock. */
@Tag("s3-integration")
class CacheTest {

    private S3Backend s3;
    private FaultyS3Proxy proxy;
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void start() {
        s3 = S3Backend.start().put(BUCKET, KEY, bytes("a,b\n1,2\n"), "text/csv");
        proxy = FaultyS3Proxy.start(s3.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        s3.close();
    }

    @Test
    void withinInterval_noSecondGetReachesS3() {
        try (var handler = new CsvTestHandler(Fixtures.environment(proxy.endpoint(), "CACHE_REVALIDATE_SECONDS", "60"), clock)) {
            assertThat(invoke(handler)).isEqualTo("a,b\n1,2\n");
            clock.advance(Duration.ofSeconds(30));
            assertThat(invoke(handler)).isEqualTo("a,b\n1,2\n");
            clock.advance(Duration.ofSeconds(29));
            assertThat(invoke(handler)).isEqualTo("a,b\n1,2\n");

            assertThat(proxy.requests()).singleElement().satisfies(request -> {
                assertThat(request.method()).isEqualTo("GET");
                assertThat(request.headers()).doesNotContainKey("if-none-match");
                assertThat(request.responseStatus()).isEqualTo(200);
            });
        }
    }

    @Test
    void afterInterval_changedObjectIsServed_unchangedOneIsRevalidatedWith304() {
        try (var handler = new CsvTestHandler(Fixtures.environment(proxy.endpoint(), "CACHE_REVALIDATE_SECONDS", "60"), clock)) {
            var first = handler.handleRequest(Events.get(null), TestContext.standard());
            var firstEtag = first.getHeaders().get("ETag");

            // Changed object: the conditional GET gets the new version.
            s3.put(BUCKET, KEY, bytes("a,b\n3,4\n"), "text/csv");
            clock.advance(Duration.ofSeconds(61));
            var second = handler.handleRequest(Events.get(null), TestContext.standard());
            assertThat(second.getBody()).isEqualTo("a,b\n3,4\n");
            assertThat(second.getHeaders().get("ETag")).isNotEqualTo(firstEtag);

            // Unchanged object: 304, and the cached copy is served.
            clock.advance(Duration.ofSeconds(61));
            var third = handler.handleRequest(Events.get(null), TestContext.standard());
            assertThat(third.getStatusCode()).isEqualTo(200);
            assertThat(third.getBody()).isEqualTo("a,b\n3,4\n");
            assertThat(third.getHeaders().get("ETag")).isEqualTo(second.getHeaders().get("ETag"));

            var requests = proxy.requests();
            assertThat(requests).hasSize(3);
            assertThat(requests.get(1).headers()).containsEntry("if-none-match", firstEtag);
            assertThat(requests.get(1).responseStatus()).isEqualTo(200);
            assertThat(requests.get(2).headers()).containsEntry("if-none-match", second.getHeaders().get("ETag"));
            assertThat(requests.get(2).responseStatus()).isEqualTo(304);

            // And the 304 restarted the interval.
            clock.advance(Duration.ofSeconds(59));
            invoke(handler);
            assertThat(proxy.requestCount()).isEqualTo(3);
        }
    }

    @Test
    void intervalZero_revalidatesEveryRequest() {
        try (var handler = new CsvTestHandler(Fixtures.environment(proxy.endpoint(), "CACHE_REVALIDATE_SECONDS", "0"), clock)) {
            invoke(handler);
            invoke(handler);
            invoke(handler);

            assertThat(proxy.requests()).extracting(FaultyS3Proxy.RecordedRequest::responseStatus).containsExactly(200, 304, 304);
        }
    }

    @Test
    void objectAboveCacheMaxBytes_isServedButNotCached() {
        try (var handler = new CsvTestHandler(Fixtures.environment(proxy.endpoint(), "CACHE_MAX_BYTES", "4"), clock)) {
            assertThat(invoke(handler)).isEqualTo("a,b\n1,2\n");
            assertThat(invoke(handler)).isEqualTo("a,b\n1,2\n");

            assertThat(proxy.requests()).hasSize(2).allSatisfy(request -> {
                assertThat(request.headers()).doesNotContainKey("if-none-match");
                assertThat(request.responseStatus()).isEqualTo(200);
            });
        }
    }

    @Test
    void failedRevalidation_isReported_andRetriedOnTheNextRequest() {
        try (var handler = new CsvTestHandler(Fixtures.environment(proxy.endpoint(), "CACHE_REVALIDATE_SECONDS", "60"), clock)) {
            invoke(handler);
            s3.delete(BUCKET, KEY);
            clock.advance(Duration.ofSeconds(61));

            var gone = handler.handleRequest(Events.get(null), TestContext.standard());
            assertThat(gone.getStatusCode()).isEqualTo(502);

            s3.put(BUCKET, KEY, bytes("back\n"), "text/csv");
            assertThat(invoke(handler)).isEqualTo("back\n");
            assertThat(proxy.requestCount()).isEqualTo(3);
        }
    }

    private static String invoke(CsvTestHandler handler) {
        var response = handler.handleRequest(Events.get(null), TestContext.standard());
        assertThat(response.getStatusCode()).isEqualTo(200);
        return response.getBody();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
