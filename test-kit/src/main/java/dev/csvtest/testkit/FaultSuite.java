package dev.csvtest.testkit;

import static dev.csvtest.testkit.Leaks.awaitTrue;
import static dev.csvtest.testkit.Leaks.newThreadsSince;
import static dev.csvtest.testkit.Leaks.threadsOutsideS3;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.csvtest.s3.EmbeddedS3;

/**
 * What the fault suites share (the table {@link S3Fault} through the handler, and through the local stack): one
 * embedded S3 for the test class, a {@link FaultyS3Proxy} per row in front of it, and the checks that nothing was
 * left behind: after each row the platform threads are back at their baseline and the SDK's connections at the proxy
 * are bounded by the keep-alive pool; after the last row every one of those connections is closed. Registered on a
 * static field with {@code @RegisterExtension}; it stops the S3 and the proxies after the class.
 */
public final class FaultSuite extends ScopedFixture {

    /** Platform threads that may come and go on their own (JDK keep-alive timer, JIT, GC helpers). */
    public static final int THREAD_TOLERANCE = 3;
    /** The JDK's HttpURLConnection keeps at most this many idle connections per destination (http.maxConnections). */
    public static final int KEEP_ALIVE_POOL = 5;

    private final String name;
    private final Consumer<EmbeddedS3> seed;
    private final List<FaultyS3Proxy> proxies = new CopyOnWriteArrayList<>();
    private final AtomicInteger rowsPassed = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private EmbeddedS3 s3;

    private FaultSuite(String name, Consumer<EmbeddedS3> seed) {
        this.name = name;
        this.seed = seed;
    }

    /** A suite whose S3 is filled by {@code seed} when the class starts; {@code name} heads its summary line. */
    public static FaultSuite named(String name, Consumer<EmbeddedS3> seed) {
        return new FaultSuite(name, seed);
    }

    public EmbeddedS3 s3() {
        return s3;
    }

    /** Notes the platform threads, then starts the row's proxy (in {@link FaultyS3Proxy.Mode#NORMAL} mode). */
    public Row startRow() {
        var threadsBefore = threadsOutsideS3();
        var proxy = FaultyS3Proxy.start(s3.port());
        proxies.add(proxy);
        return new Row(threadsBefore, proxy);
    }

    /** One row of the table: its proxy, and the platform threads there were before it. */
    public record Row(List<String> threadsBefore, FaultyS3Proxy proxy) {
    }

    /** After the row's {@code served} requests: no platform thread and no SDK connection beyond the bounds. */
    public void assertRowLeftNothing(Row row, int served) {
        int bound = row.threadsBefore().size() + THREAD_TOLERANCE;
        awaitTrue(Duration.ofSeconds(5), () -> threadsOutsideS3().size() <= bound);
        assertThat(threadsOutsideS3().size()).as("platform threads after the row's %d requests (before: %d); new: %s",
                served, row.threadsBefore().size(), newThreadsSince(row.threadsBefore())).isLessThanOrEqualTo(bound);
        var proxy = row.proxy();
        awaitTrue(Duration.ofSeconds(2), () -> proxy.openClientConnections() <= KEEP_ALIVE_POOL);
        assertThat(proxy.openClientConnections()).as("SDK connections open after %d requests", served)
                .isLessThanOrEqualTo(KEEP_ALIVE_POOL);
        rowsPassed.incrementAndGet();
        requests.addAndGet(served);
    }

    /** After the last row: every SDK connection at the proxies is closed; prints the suite's summary line. */
    public void assertNoConnectionLeft() {
        // The JDK closes idle keep-alive connections after 5 s; every one must be gone then.
        awaitTrue(Duration.ofSeconds(12), () -> proxies.stream().allMatch(p -> p.openClientConnections() == 0));
        int leaked = proxies.stream().mapToInt(FaultyS3Proxy::openClientConnections).sum();
        assertThat(leaked).as("SDK connections still open at the fault proxies").isZero();
        System.out.printf("%s: %d kinds, %d repetitions, %d leaks%n", name, rowsPassed.get(), requests.get(), leaked);
    }

    @Override
    protected void start() {
        s3 = EmbeddedS3.start();
        seed.accept(s3);
    }

    @Override
    protected void stop() {
        try (var server = s3) {
            proxies.forEach(FaultyS3Proxy::close);
        }
    }
}
