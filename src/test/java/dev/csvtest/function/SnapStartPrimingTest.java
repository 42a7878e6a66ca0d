package dev.csvtest.function;

import static dev.csvtest.function.Fixtures.BUCKET;
import static dev.csvtest.function.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.csvtest.s3.EmbeddedS3;
import dev.csvtest.testkit.FaultyS3Proxy;
import dev.csvtest.testkit.TestContext;

/** The CRaC hooks, called directly as the SnapStart runtime would around a snapshot. */
class SnapStartPrimingTest {

    private EmbeddedS3 s3;
    private FaultyS3Proxy proxy;

    @BeforeEach
    void start() {
        s3 = EmbeddedS3.start().put(BUCKET, KEY, Fixtures.sampleCsv(), "text/csv");
        proxy = FaultyS3Proxy.start(s3.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        s3.close();
    }

    @Test
    void construction_doesNotTouchS3() {
        try (var handler = new CsvTestHandler(Fixtures.environment(proxy.endpoint()))) {
            assertThat(handler.config().bucket()).isEqualTo(BUCKET);
            assertThat(proxy.requestCount()).isZero();
        }
    }

    @Test
    void beforeCheckpoint_takesTheFirstFetch_soTheFirstRequestIsServedFromCache() throws Exception {
        try (var handler = new CsvTestHandler(Fixtures.environment(proxy.endpoint()))) {
            handler.primingResource().beforeCheckpoint(null);
            assertThat(proxy.requestCount()).isEqualTo(1);

            var response = handler.handleRequest(Events.get(null), TestContext.standard());

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(proxy.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void afterRestore_forcesRevalidation_evenWithinTheInterval() throws Exception {
        try (var handler = new CsvTestHandler(Fixtures.environment(proxy.endpoint(), "CACHE_REVALIDATE_SECONDS", "3600"))) {
            handler.primingResource().beforeCheckpoint(null);
            handler.primingResource().afterRestore(null);

            handler.handleRequest(Events.get(null), TestContext.standard());
            handler.handleRequest(Events.get(null), TestContext.standard());

            var requests = proxy.requests();
            assertThat(requests).hasSize(2);
            assertThat(requests.get(1).headers()).containsKey("if-none-match");
            assertThat(requests.get(1).responseStatus()).isEqualTo(304);
        }
    }

    @Test
    void primingWithS3Unreachable_doesNotFail_andTheFunctionRecovers() {
        proxy.mode(FaultyS3Proxy.Mode.REFUSE);
        try (var handler = new CsvTestHandler(Fixtures.environment(proxy.endpoint()))) {
            long start = System.nanoTime();
            assertThatCode(() -> handler.primingResource().beforeCheckpoint(null)).doesNotThrowAnyException();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));

            proxy.mode(FaultyS3Proxy.Mode.NORMAL);
            assertThat(handler.handleRequest(Events.get(null), TestContext.standard()).getStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void primingWithS3Blackholed_givesUpWithinItsBudget() {
        proxy.mode(FaultyS3Proxy.Mode.BLACKHOLE);
        try (var handler = new CsvTestHandler(Fixtures.environment(proxy.endpoint()))) {
            long start = System.nanoTime();
            assertThatCode(() -> handler.primingResource().beforeCheckpoint(null)).doesNotThrowAnyException();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        }
    }
}
