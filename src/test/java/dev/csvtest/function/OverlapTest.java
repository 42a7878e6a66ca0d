package dev.csvtest.function;

import static dev.csvtest.function.Fixtures.BUCKET;
import static dev.csvtest.function.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.csvtest.testkit.ProxiedS3;
import dev.csvtest.testkit.TestContext;

/**
 * Timing: the fetch runs alongside the delay, and invocations do not serialise. The bounds leave
 * room for a busy 2-core machine. Each test warms the JVM first (SDK classes, connection), because what is measured
 * is the invocation, not class loading; cold init is measured separately (docs/client-choice.md).
 */
class OverlapTest {

    @RegisterExtension
    static final ProxiedS3 s3 = ProxiedS3.holding(BUCKET, KEY, Fixtures.sampleCsv(), "text/csv");

    @BeforeAll
    static void warmUp() {
        try (var warmUp = new CsvTestHandler(Fixtures.environment(s3.proxy().endpoint(), "CACHE_MAX_BYTES", "0"))) {
            for (int i = 0; i < 5; i++) {
                assertThat(warmUp.handleRequest(Events.get("delay=0"), TestContext.standard()).getStatusCode()).isEqualTo(200);
            }
        }
    }

    @AfterEach
    void resetProxy() {
        s3.proxy().latency(Duration.ZERO);
        s3.proxy().clearRequests();
    }

    @Test
    void twoConcurrentInvocations_withDelay1_bothFinishUnder1500ms() throws Exception {
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.proxy().endpoint()));
             var threads = Executors.newFixedThreadPool(2)) {
            var barrier = new CyclicBarrier(2);
            Callable<Duration> invoke = () -> {
                barrier.await();
                long start = System.nanoTime();
                var response = handler.handleRequest(Events.get("delay=1"), TestContext.standard());
                assertThat(response.getStatusCode()).isEqualTo(200);
                return Duration.ofNanos(System.nanoTime() - start);
            };
            var first = threads.submit(invoke);
            var second = threads.submit(invoke);

            assertThat(first.get()).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1500));
            assertThat(second.get()).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1500));
        }
    }

    @Test
    void withS3Latency500ms_delay1_takesUnder1300ms() {
        // CACHE_MAX_BYTES=0: nothing is cached, so every invocation makes a full GET through the slow proxy.
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.proxy().endpoint(), "CACHE_MAX_BYTES", "0"))) {
            handler.handleRequest(Events.get("delay=0"), TestContext.standard()); // this handler's connection
            s3.proxy().latency(Duration.ofMillis(500)).clearRequests();
            long start = System.nanoTime();

            var response = handler.handleRequest(Events.get("delay=1"), TestContext.standard());

            var took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(s3.proxy().requests()).singleElement().satisfies(r -> assertThat(r.responseStatus()).isEqualTo(200));
            assertThat(took).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1300));
        }
    }

    @Test
    void withS3Latency500ms_delay0_takesUnder900ms() {
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.proxy().endpoint(), "CACHE_MAX_BYTES", "0"))) {
            handler.handleRequest(Events.get("delay=0"), TestContext.standard());
            s3.proxy().latency(Duration.ofMillis(500)).clearRequests();
            long start = System.nanoTime();

            var response = handler.handleRequest(Events.get("delay=0"), TestContext.standard());

            var took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(s3.proxy().requestCount()).isEqualTo(1);
            // At least the injected latency: proves the fetch really went through the slow path.
            assertThat(took).isBetween(Duration.ofMillis(500), Duration.ofMillis(900));
        }
    }
}
