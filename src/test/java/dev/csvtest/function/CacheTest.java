package dev.csvtest.function;

import static dev.csvtest.function.Fixtures.BUCKET;
import static dev.csvtest.function.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.csvtest.testkit.ProxiedS3;
import dev.csvtest.testkit.FaultyS3Proxy;
import dev.csvtest.testkit.TestContext;

/** The per-environment cache, observed at the S3 side: requests are counted at the proxy, time is a test clock. */
@Tag("s3-integration")
class CacheTest {

    @RegisterExtension
    final ProxiedS3 s3 = ProxiedS3.holding(BUCKET, KEY, bytes("a,b\n1,2\n"), "text/csv");
    private final MutableClock clock = new MutableClock();

    @Test
    void withinInterval_noSecondGetReachesS3() {
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.proxy().endpoint(), "CACHE_REVALIDATE_SECONDS", "60"), clock)) {
            assertThat(invoke(handler)).isEqualTo("a,b\n1,2\n");
            clock.advance(Duration.ofSeconds(30));
            assertThat(invoke(handler)).isEqualTo("a,b\n1,2\n");
            clock.advance(Duration.ofSeconds(29));
            assertThat(invoke(handler)).isEqualTo("a,b\n1,2\n");

            assertThat(s3.proxy().requests()).singleElement().satisfies(request -> {
                assertThat(request.method()).isEqualTo("GET");
                assertThat(request.headers()).doesNotContainKey("if-none-match");
                assertThat(request.responseStatus()).isEqualTo(200);
            });
        }
    }

    @Test
    void afterInterval_changedObjectIsServed_unchangedOneIsRevalidatedWith304() {
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.proxy().endpoint(), "CACHE_REVALIDATE_SECONDS", "60"), clock)) {
            var first = handler.handleRequest(Events.get(null), TestContext.standard());
            var firstEtag = first.getHeaders().get("ETag");

            // Changed object: the conditional GET gets the new version.
            s3.backend().put(BUCKET, KEY, bytes("a,b\n3,4\n"), "text/csv");
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

            var requests = s3.proxy().requests();
            assertThat(requests).hasSize(3);
            assertThat(requests.get(1).headers()).containsEntry("if-none-match", firstEtag);
            assertThat(requests.get(1).responseStatus()).isEqualTo(200);
            assertThat(requests.get(2).headers()).containsEntry("if-none-match", second.getHeaders().get("ETag"));
            assertThat(requests.get(2).responseStatus()).isEqualTo(304);

            // And the 304 restarted the interval.
            clock.advance(Duration.ofSeconds(59));
            invoke(handler);
            assertThat(s3.proxy().requestCount()).isEqualTo(3);
        }
    }

    @Test
    void intervalZero_revalidatesEveryRequest() {
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.proxy().endpoint(), "CACHE_REVALIDATE_SECONDS", "0"), clock)) {
            invoke(handler);
            invoke(handler);
            invoke(handler);

            assertThat(s3.proxy().requests()).extracting(FaultyS3Proxy.RecordedRequest::responseStatus).containsExactly(200, 304, 304);
        }
    }

    @Test
    void objectAboveCacheMaxBytes_isServedButNotCached() {
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.proxy().endpoint(), "CACHE_MAX_BYTES", "4"), clock)) {
            assertThat(invoke(handler)).isEqualTo("a,b\n1,2\n");
            assertThat(invoke(handler)).isEqualTo("a,b\n1,2\n");

            assertThat(s3.proxy().requests()).hasSize(2).allSatisfy(request -> {
                assertThat(request.headers()).doesNotContainKey("if-none-match");
                assertThat(request.responseStatus()).isEqualTo(200);
            });
        }
    }

    @Test
    void failedRevalidation_isReported_andRetriedOnTheNextRequest() {
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.proxy().endpoint(), "CACHE_REVALIDATE_SECONDS", "60"), clock)) {
            invoke(handler);
            s3.backend().delete(BUCKET, KEY);
            clock.advance(Duration.ofSeconds(61));

            var gone = handler.handleRequest(Events.get(null), TestContext.standard());
            assertThat(gone.getStatusCode()).isEqualTo(502);

            s3.backend().put(BUCKET, KEY, bytes("back\n"), "text/csv");
            assertThat(invoke(handler)).isEqualTo("back\n");
            assertThat(s3.proxy().requestCount()).isEqualTo(3);
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
