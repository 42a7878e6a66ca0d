package dev.csvtest.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import dev.csvtest.function.CsvTestHandler;
import dev.csvtest.function.http.ResponseLimits;
import dev.csvtest.function.s3.FetchResult;
import dev.csvtest.function.s3.S3ObjectFetcher;
import dev.csvtest.function.s3.client.S3ClientFactory;
import dev.csvtest.function.s3.client.S3Settings;
import dev.csvtest.function.s3.client.S3Timeouts;
import dev.csvtest.function.time.Deadline;
import dev.csvtest.s3.EmbeddedS3;
import dev.csvtest.testkit.FaultyS3Proxy;
import dev.csvtest.testkit.FaultyS3Proxy.Mode;
import dev.csvtest.testkit.TestContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The measurements behind the function's S3 time budget ({@link S3ObjectFetcher#TIMEOUTS}, docs/latency.md): the
 * latency of the 300 KB GET against the embedded S3 server, and what the SDK's standard retry mode does (attempts,
 * backoff) when S3 errs, throttles or hangs, through the real fetcher and client, and the answer time of the whole
 * handler against a hanging S3. Prints a plain-text report;
 * docs/latency.md gives the command, docs/measurements/ keeps the output.
 *
 * <p>Not a test: it asserts nothing and takes about a minute. Usage: {@code MeasureS3Budget [gets]} (default 2000).
 */
public final class MeasureS3Budget {

    private static final String BUCKET = "csv-test-bucket";
    private static final String KEY = "sample.csv";

    private MeasureS3Budget() {
    }

    public static void main(String[] args) throws Exception {
        int gets = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        var timeouts = S3ObjectFetcher.TIMEOUTS;
        System.out.printf(Locale.ROOT, "S3 time budget measurement, %s, %d cores, Java %s%n", java.time.Instant.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());
        System.out.printf(Locale.ROOT, "budget under test: connect %d ms, socket %d ms, attempt %d ms, call %d ms%n%n",
                timeouts.connect().toMillis(), timeouts.socket().toMillis(), timeouts.attempt().toMillis(),
                timeouts.call().toMillis());
        var csv = sampleCsv();
        try (var s3 = EmbeddedS3.start().put(BUCKET, KEY, csv, "text/csv");
             var proxy = FaultyS3Proxy.start(s3.port())) {
            try (var client = client(proxy, timeouts)) {
                var fetcher = fetcher(client, timeouts);
                healthy(fetcher, proxy, gets, csv.length);
                slow(fetcher, proxy, Duration.ofSeconds(2));
                slow(fetcher, proxy, Duration.ofMillis(2500));
                failing(fetcher, proxy, Mode.INTERNAL_ERROR_500, 10);
                failing(fetcher, proxy, Mode.SLOW_DOWN_503, 10);
                failing(fetcher, proxy, Mode.BLACKHOLE, 3);
            }
            hangingThroughTheHandler(proxy, 0);
            hangingThroughTheHandler(proxy, 1);
        }
        System.out.printf(Locale.ROOT, "%nload average at end: %s%n", loadAverage());
        System.exit(0);
    }

    /** Full GETs of the object, one after another on one warm client: the healthy latency the attempt timeout must clear. */
    private static void healthy(S3ObjectFetcher fetcher, FaultyS3Proxy proxy, int gets, int size) {
        proxy.mode(Mode.NORMAL).latency(Duration.ZERO);
        var first = time(() -> expect(fetcher.fetch(null, deadline()), FetchResult.Fetched.class));
        for (int i = 0; i < 200; i++) { // warm-up, not counted
            expect(fetcher.fetch(null, deadline()), FetchResult.Fetched.class);
        }
        var full = new ArrayList<Double>();
        for (int i = 0; i < gets; i++) {
            full.add(time(() -> expect(fetcher.fetch(null, deadline()), FetchResult.Fetched.class)));
        }
        var etag = ((FetchResult.Fetched) fetcher.fetch(null, deadline())).object().etag();
        var conditional = new ArrayList<Double>();
        for (int i = 0; i < gets; i++) {
            conditional.add(time(() -> expect(fetcher.fetch(etag, deadline()), FetchResult.NotModified.class)));
        }
        System.out.printf(Locale.ROOT, "healthy S3 (embedded S3Proxy through the fault proxy, %d-byte object)%n", size);
        System.out.printf(Locale.ROOT, "  first GET on a new client (this JVM already warm from the server): %.1f ms%n", first);
        System.out.printf(Locale.ROOT, "  full GET, 200, n=%d: %s%n", gets, percentiles(full));
        System.out.printf(Locale.ROOT, "  conditional GET, 304, n=%d: %s%n%n", gets, percentiles(conditional));
    }

    /** A working S3 whose every request is delayed: must still succeed, in one attempt. */
    private static void slow(S3ObjectFetcher fetcher, FaultyS3Proxy proxy, Duration latency) {
        proxy.mode(Mode.NORMAL).latency(latency);
        var lines = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            proxy.clearRequests();
            long start = System.nanoTime();
            var result = fetcher.fetch(null, deadline());
            lines.add(String.format(Locale.ROOT, "%s in %.0f ms, %d request(s)", result.getClass().getSimpleName(),
                    (System.nanoTime() - start) / 1e6, proxy.requestCount()));
        }
        proxy.latency(Duration.ZERO);
        System.out.printf(Locale.ROOT, "slow but working S3, +%d ms on every request:%n", latency.toMillis());
        lines.forEach(l -> System.out.println("  " + l));
        System.out.println();
    }

    /** S3 erring, throttling or hanging: how many attempts the SDK makes, and how long the call takes in all. */
    private static void failing(S3ObjectFetcher fetcher, FaultyS3Proxy proxy, Mode mode, int calls) {
        proxy.mode(mode).latency(Duration.ZERO);
        fetcher.fetch(null, deadline()); // not counted: the client's pooled connection was closed by the mode switch
        var totals = new ArrayList<Double>();
        var attempts = new ArrayList<Integer>();
        String failure = "";
        for (int i = 0; i < calls; i++) {
            proxy.clearRequests();
            long start = System.nanoTime();
            var result = fetcher.fetch(null, deadline());
            totals.add((System.nanoTime() - start) / 1e6);
            attempts.add(proxy.requestCount());
            failure = result instanceof FetchResult.Failed failed ? failed.failure().getClass().getSimpleName() : "not a failure: " + result;
        }
        proxy.mode(Mode.NORMAL);
        System.out.printf(Locale.ROOT, "%s, %d calls: result %s, attempts per call %s, call time %s%n%n", mode, calls,
                failure, attempts, percentiles(totals));
    }

    /** The whole request, as a caller sees it, against a hanging S3 with the deployed 25 s Timeout (a warm handler). */
    private static void hangingThroughTheHandler(FaultyS3Proxy proxy, int delaySeconds) {
        proxy.mode(Mode.NORMAL).latency(Duration.ZERO);
        var environment = Map.of("CSV_BUCKET", BUCKET, "CSV_KEY", KEY, "AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL_S3", proxy.endpoint().toString(), "S3_FORCE_PATH_STYLE", "true",
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local", "CACHE_MAX_BYTES", "0");
        try (var handler = new CsvTestHandler(environment)) {
            handler.handleRequest(get("delay=0"), TestContext.standard()); // warm: client built; nothing cached
            proxy.mode(Mode.BLACKHOLE);
            var lines = new ArrayList<String>();
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                var response = handler.handleRequest(get("delay=" + delaySeconds), TestContext.withTimeout(Duration.ofSeconds(25)));
                lines.add(String.format(Locale.ROOT, "%d in %.0f ms", response.getStatusCode(), (System.nanoTime() - start) / 1e6));
            }
            System.out.printf(Locale.ROOT, "hanging S3 through the handler, delay=%d, function Timeout 25 s: %s%n%n",
                    delaySeconds, lines);
        } finally {
            proxy.mode(Mode.NORMAL);
        }
    }

    private static APIGatewayV2HTTPEvent get(String query) {
        var event = new APIGatewayV2HTTPEvent();
        event.setRawQueryString(query);
        return event;
    }

    private static S3Client client(FaultyS3Proxy proxy, S3Timeouts timeouts) {
        var settings = S3Settings.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL_S3", proxy.endpoint().toString(), "S3_FORCE_PATH_STYLE", "true",
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"));
        return S3ClientFactory.create(settings, timeouts);
    }

    private static S3ObjectFetcher fetcher(S3Client client, S3Timeouts timeouts) {
        return new S3ObjectFetcher(() -> client, BUCKET, KEY, ResponseLimits.BODY, timeouts);
    }

    /** The function's 25 s Timeout: far enough that only the S3 budget bounds a call. */
    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(25));
    }

    private static void expect(FetchResult result, Class<?> type) {
        if (!type.isInstance(result)) {
            throw new IllegalStateException("expected " + type.getSimpleName() + ", got " + result);
        }
    }

    private static double time(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static String percentiles(List<Double> millis) {
        var sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "min %.1f, p50 %.1f, p90 %.1f, p99 %.1f, p99.9 %.1f, max %.1f ms",
                sorted.getFirst(), at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), at(sorted, 0.999), sorted.getLast());
    }

    private static double at(List<Double> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static byte[] sampleCsv() {
        try (var in = MeasureS3Budget.class.getResourceAsStream("/sample.csv")) {
            return Optional.ofNullable(in).orElseThrow().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
