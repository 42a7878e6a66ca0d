package dev.csvtest.function;

import static dev.csvtest.function.Fixtures.BUCKET;
import static dev.csvtest.function.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import dev.csvtest.s3.EmbeddedS3;
import dev.csvtest.testkit.FuzzTally;
import dev.csvtest.testkit.TestContext;

/**
 * Fuzzed input (jqwik): the query string, the headers and the raw event fields, as an attacker or a broken client
 * could shape them. For every generated case: no 5xx, an answer within {@link #PER_CASE_TIMEOUT}, every 4xx an
 * RFC 9457 problem body, every 200 the CSV, and one parseable log line.
 *
 * <p>Runtime: the handler really sleeps for a valid delay. The arbitrary-input properties therefore run against a
 * function configured with {@code MAX_DELAY_SECONDS=0}: every non-zero delay is out of range (so the whole parser
 * and range check still run) and nothing sleeps. Valid delays are fuzzed separately, in 0–0.010 s, against the
 * default maximum. The object is cached after the first request, so S3 costs nothing per case. About
 * {@value #TOTAL_TRIES} cases run in a few seconds.
 */
@Tag("fuzz")
class FuzzedInputTest {

    static final Duration PER_CASE_TIMEOUT = Duration.ofSeconds(2);
    static final int TOTAL_TRIES = 3000 + 2500 + 1000 + 2000 + 2000 + 500;

    private static EmbeddedS3 s3;
    /** MAX_DELAY_SECONDS=0: any accepted delay is 0, so arbitrary input never sleeps. */
    private static CsvTestHandler noDelay;
    /** The default maximum (20 s), for the small valid delays. */
    private static CsvTestHandler defaultMax;
    private static ExecutorService runner;
    private static String csv;
    private static final FuzzTally tally = new FuzzTally();

    @BeforeContainer
    static void start() {
        var bytes = Fixtures.sampleCsv();
        csv = new String(bytes, StandardCharsets.UTF_8);
        s3 = EmbeddedS3.start().put(BUCKET, KEY, bytes, "text/csv");
        noDelay = new CsvTestHandler(Fixtures.environment(s3.endpoint(), "MAX_DELAY_SECONDS", "0"));
        defaultMax = new CsvTestHandler(Fixtures.environment(s3.endpoint()));
        runner = Executors.newVirtualThreadPerTaskExecutor();
    }

    @AfterContainer
    static void stop() {
        runner.shutdownNow();
        noDelay.close();
        defaultMax.close();
        s3.close();
        System.out.println(tally.summary("FUZZ", "hangs"));
    }

    @Property(tries = 3000)
    void arbitraryRawQueryString(@ForAll @StringLength(max = 300) String rawQuery) {
        check(noDelay, Events.get(rawQuery));
    }

    @Property(tries = 2500)
    void delayLikeQueries_percentEncodings_repeatedKeys(@ForAll("queries") String rawQuery) {
        check(noDelay, Events.get(rawQuery));
    }

    @Property(tries = 1000)
    void hugeValues(@ForAll @IntRange(min = 33, max = 200_000) int length, @ForAll("valueChars") String unit,
            @ForAll boolean asKey) {
        var huge = unit.repeat(length / unit.length() + 1);
        check(noDelay, Events.get(asKey ? huge + "=1" : "delay=" + huge));
    }

    @Property(tries = 2000)
    void arbitraryHeadersAndCookies(@ForAll("headers") Map<String, String> headers,
            @ForAll("cookies") List<String> cookies, @ForAll("queries") String rawQuery) {
        var event = Events.get(rawQuery);
        event.setHeaders(headers);
        event.setCookies(cookies);
        check(noDelay, event);
    }

    @Property(tries = 2000)
    void rawEventFields_missingNullOrOdd(@ForAll("events") APIGatewayV2HTTPEvent event) {
        check(noDelay, event);
    }

    @Property(tries = 500)
    void validSmallDelays_areServed(@ForAll @BigRange(min = "0", max = "0.01") @Scale(4) BigDecimal delay,
            @ForAll boolean trailingZeros) {
        var text = trailingZeros ? delay.toPlainString() : delay.stripTrailingZeros().toPlainString();
        var response = check(defaultMax, Events.get("delay=" + text));
        assertThat(response.getStatusCode()).isEqualTo(200);
    }

    // ---- generators ------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<String> queries() {
        var keys = Arbitraries.oneOf(
                Arbitraries.of("delay", "DELAY", "Delay", "delay ", " delay", "de%6Cay", "%64%65%6c%61%79", "delay%00",
                        "delay[]", "delay.", "delay%3D", "d", "tab", "", "%", "%zz", "delay%"),
                Arbitraries.strings().ofMaxLength(12));
        var values = Arbitraries.oneOf(
                Arbitraries.of("", "0", "00", "0.0", "0.", ".5", "1", "20", "20.000", "20.0001", "21", "-0", "-1", "+1",
                        "1e1", "1E-3", "0x10", "NaN", "nan", "Infinity", "-Infinity", "1,2", "1%2C2", "%31", "%2E5",
                        "0%2E001", "%", "%G0", "%E2%82%AC", "%00", "1%00", "%20 1", "1 ", " 1", "1_000", "１", "١",
                        "9".repeat(40), "0." + "0".repeat(40) + "1", "1d", "1f", "1L", "true", "null", "[]", "{}"),
                Arbitraries.strings().withCharRange('0', '9').withChars('.', '-', '+', 'e', ',', '%').ofMaxLength(40),
                Arbitraries.strings().ofMaxLength(40));
        var pair = Arbitraries.oneOf(
                keys.flatMap(k -> values.map(v -> k + "=" + v)),
                keys,
                values.map(v -> "delay=" + v));
        return pair.list().ofMinSize(0).ofMaxSize(5)
                .flatMap(pairs -> Arbitraries.of("&", ";", "&&", "&amp;").map(sep -> String.join(sep, pairs)));
    }

    @Provide
    Arbitrary<String> valueChars() {
        return Arbitraries.oneOf(Arbitraries.of("9", "0", ".", "%25", "%", ",", "a", "\u0000", "€", "😀", "1."),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(3));
    }

    @Provide
    Arbitrary<Map<String, String>> headers() {
        var names = Arbitraries.oneOf(
                Arbitraries.of("content-type", "content-length", "x-forwarded-for", "cookie", "host", "range",
                        "if-none-match", "accept", "x-amzn-trace-id", "transfer-encoding", ""),
                Arbitraries.strings().ofMaxLength(40));
        var valuesOf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.of("\r\nX-Injected: 1", "bytes=0-", "*", "\"etag\"", "-1", "9".repeat(10_000)),
                Arbitraries.just(null));
        return Arbitraries.maps(names, valuesOf).ofMaxSize(8).injectNull(0.1);
    }

    @Provide
    Arbitrary<List<String>> cookies() {
        return Arbitraries.strings().ofMaxLength(100).list().ofMaxSize(4).injectNull(0.3);
    }

    @Provide
    Arbitrary<APIGatewayV2HTTPEvent> events() {
        var text = Arbitraries.strings().ofMaxLength(100).injectNull(0.3);
        var methods = Arbitraries.oneOf(
                Arbitraries.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT", "get",
                        "", " GET", "GET\r\n", "BREW"),
                text);
        var paths = Arbitraries.oneOf(
                Arbitraries.of("/csv_test", "/", "", "/csv_test/", "/CSV_TEST", "/csv_test/../etc/passwd", "//csv_test",
                        "/csv_test%00", "/csv_test?delay=1", "*"),
                text);
        var parameters = Arbitraries.maps(
                        Arbitraries.oneOf(Arbitraries.just("delay"), Arbitraries.strings().ofMaxLength(10)),
                        Arbitraries.oneOf(Arbitraries.of("1,2", "NaN", "0", "-1", "", "99"), Arbitraries.strings().ofMaxLength(40)))
                .ofMaxSize(4).injectNull(0.3);
        return Builders.withBuilder(() -> new Draft())
                .use(queries().injectNull(0.3)).in((d, v) -> d.with(e -> e.setRawQueryString(v)))
                .use(parameters).in((d, v) -> d.with(e -> e.setQueryStringParameters(v)))
                .use(methods).in((d, v) -> d.method(v))
                .use(paths).in((d, v) -> d.with(e -> e.setRawPath(v)).path(v))
                .use(text).in((d, v) -> d.with(e -> e.setRouteKey(v)))
                .use(text).in((d, v) -> d.with(e -> e.setVersion(v)))
                .use(text).in((d, v) -> d.with(e -> e.setBody(v)))
                .use(Arbitraries.of(true, false)).in((d, v) -> d.with(e -> e.setIsBase64Encoded(v)))
                .use(headers()).in((d, v) -> d.with(e -> e.setHeaders(v)))
                .use(Arbitraries.integers().between(0, 2)).in((d, v) -> d.context(v))
                .build(Draft::build);
    }

    /** Collects a generated event; {@code context} 0 leaves out requestContext, 1 leaves out its http part. */
    private static final class Draft {
        private final APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        private String method;
        private String path;
        private int context = 2;

        Draft with(java.util.function.Consumer<APIGatewayV2HTTPEvent> change) {
            change.accept(event);
            return this;
        }

        Draft method(String value) {
            method = value;
            return this;
        }

        Draft path(String value) {
            path = value;
            return this;
        }

        Draft context(int value) {
            context = value;
            return this;
        }

        APIGatewayV2HTTPEvent build() {
            if (context > 0) {
                var requestContext = new APIGatewayV2HTTPEvent.RequestContext();
                if (context > 1) {
                    requestContext.setHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                            .withMethod(method).withPath(path).build());
                }
                event.setRequestContext(requestContext);
            }
            return event;
        }
    }

    // ---- the oracle ------------------------------------------------------------------------------------------

    private static APIGatewayV2HTTPResponse check(CsvTestHandler handler, APIGatewayV2HTTPEvent event) {
        tally.countCase();
        var context = TestContext.withTimeout(Duration.ofSeconds(5));
        var call = runner.submit(() -> handler.handleRequest(event, context));
        APIGatewayV2HTTPResponse response;
        try {
            response = call.get(PER_CASE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            tally.countHang();
            return fail("no answer within %s", PER_CASE_TIMEOUT);
        } catch (ExecutionException e) {
            tally.countServerError(); // a throwing handler is a 500 from API Gateway
            return fail("the handler threw", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
        int status = response.getStatusCode();
        if (status >= 500) {
            tally.countServerError();
        }
        assertThat(status).as("status for %s", describe(event)).isIn(200, 400);
        if (status == 400) {
            assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
            var body = Fixtures.json(response.getBody());
            assertThat(body.get("type").asString()).isEqualTo("urn:csv-test:problem:invalid-delay");
            assertThat(body.get("status").asNumber()).isEqualTo("400");
            assertThat(body.get("title").asString()).isNotBlank();
            assertThat(body.get("detail").asString()).isNotBlank();
            assertThat(body.get("requestId").asString()).isEqualTo(context.getAwsRequestId());
        } else {
            assertThat(response.getHeaders()).containsEntry("Content-Type", "text/csv; charset=utf-8");
            assertThat(response.getBody()).isEqualTo(csv);
        }
        assertThat(context.logLines()).singleElement().satisfies(line -> {
            assertThat(line).doesNotContain("\n").doesNotContain("\r");
            assertThat(Fixtures.json(line).get("requestId").asString()).isEqualTo(context.getAwsRequestId());
        });
        return response;
    }

    private static String describe(APIGatewayV2HTTPEvent event) {
        var raw = String.valueOf(event.getRawQueryString());
        return "rawQueryString=" + (raw.length() > 80 ? raw.substring(0, 80) + "…" : raw)
                + " queryStringParameters=" + event.getQueryStringParameters();
    }
}
