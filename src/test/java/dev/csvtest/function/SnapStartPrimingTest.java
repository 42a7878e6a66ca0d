package dev.csvtest.function;

import static dev.csvtest.function.Fixtures.BUCKET;
import static dev.csvtest.function.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.csvtest.testkit.ProxiedS3;
import dev.csvtest.testkit.FaultyS3Proxy;
import dev.csvtest.testkit.TestContext;

/** The CRaC hooks, called directly as the SnapStart runtime would around a snapshot. */
class SnapStartPrimingTest {

    @RegisterExtension
    final ProxiedS3 s3 = ProxiedS3.holding(BUCKET, KEY, Fixtures.sampleCsv(), "text/csv");

    @Test
    void construction_doesNotTouchS3() {
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.proxy().endpoint()))) {
            assertThat(handler.config().bucket()).isEqualTo(BUCKET);
            assertThat(s3.proxy().requestCount()).isZero();
        }
    }

    @Test
    void beforeCheckpoint_takesTheFirstFetch_soTheFirstRequestIsServedFromCache() throws Exception {
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.proxy().endpoint()))) {
            handler.primingResource().beforeCheckpoint(null);
            assertThat(s3.proxy().requestCount()).isEqualTo(1);

            var response = handler.handleRequest(Events.get(null), TestContext.standard());

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(s3.proxy().requestCount()).isEqualTo(1);
        }
    }

    @Test
    void afterRestore_forcesRevalidation_evenWithinTheInterval() throws Exception {
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.proxy().endpoint(), "CACHE_REVALIDATE_SECONDS", "3600"))) {
            handler.primingResource().beforeCheckpoint(null);
            handler.primingResource().afterRestore(null);

            handler.handleRequest(Events.get(null), TestContext.standard());
            handler.handleRequest(Events.get(null), TestContext.standard());

            var requests = s3.proxy().requests();
            assertThat(requests).hasSize(2);
            assertThat(requests.get(1).headers()).containsKey("if-none-match");
            assertThat(requests.get(1).responseStatus()).isEqualTo(304);
        }
    }

    @ParameterizedTest(name = "S3 {0}")
    @EnumSource(value = FaultyS3Proxy.Mode.class, names = {"REFUSE", "BLACKHOLE"})
    void primingWithS3Down_doesNotFail_givesUpWithinItsBudget_andTheFunctionRecovers(FaultyS3Proxy.Mode down) {
        s3.proxy().mode(down);
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.proxy().endpoint()))) {
            long start = System.nanoTime();
            assertThatCode(() -> handler.primingResource().beforeCheckpoint(null)).doesNotThrowAnyException();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));

            s3.proxy().mode(FaultyS3Proxy.Mode.NORMAL);
            assertThat(handler.handleRequest(Events.get(null), TestContext.standard()).getStatusCode()).isEqualTo(200);
        }
    }
}
