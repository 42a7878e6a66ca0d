package dev.csvtest.function;

import static dev.csvtest.function.CsvTestHandlerTest.assertProblem;
import static dev.csvtest.function.Fixtures.BUCKET;
import static dev.csvtest.function.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.csvtest.function.http.ResponseLimits;
import dev.csvtest.s3.S3Endpoint;
import dev.csvtest.testkit.S3Backend;
import dev.csvtest.testkit.TestContext;

/** Objects over Lambda's 6 MB response limit are redirected or refused clearly, never returned blindly. */
@Tag("s3-integration")
class LargeObjectTest {

    private static final String REDIRECT = "https://d111111abcdef8.cloudfront.net/big.csv";
    private static final int SEVEN_MB = 7 * 1024 * 1024;

    private static S3Endpoint s3;

    @BeforeAll
    static void start() {
        var big = new byte[SEVEN_MB];
        Arrays.fill(big, (byte) 'x');
        // Under the limit in bytes, but over it once quotes are escaped in Lambda's JSON response.
        var quotes = new byte[(int) (ResponseLimits.MAX_BODY_BYTES * 2 / 3)];
        Arrays.fill(quotes, (byte) '"');
        s3 = S3Backend.start()
                .put(BUCKET, "big.csv", big, "text/csv")
                .put(BUCKET, "quotes.csv", quotes, "text/csv")
                .put(BUCKET, KEY, Fixtures.sampleCsv(), "text/csv");
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Test
    void over6MB_withRedirectConfigured_is303ToTheUrl() {
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.endpoint(),
                "CSV_KEY", "big.csv", "LARGE_OBJECT_REDIRECT_URL", REDIRECT))) {
            var context = TestContext.standard();

            var response = handler.handleRequest(Events.get(null), context);

            assertThat(response.getStatusCode()).isEqualTo(303);
            assertThat(response.getHeaders()).containsEntry("Location", REDIRECT);
            assertThat(response.getBody()).isEmpty();
            assertThat(context.logLines()).singleElement().satisfies(line -> {
                var entry = Fixtures.json(line);
                assertThat(entry.get("requestId").asString()).isEqualTo(context.getAwsRequestId());
                assertThat(entry.get("status").asNumber()).isEqualTo("303");
                assertThat(entry.get("cause").asString()).contains("sizeBytes=" + SEVEN_MB);
            });
        }
    }

    @Test
    void over6MB_withoutRedirect_is502ProblemNamingTheSize() {
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.endpoint(), "CSV_KEY", "big.csv"))) {
            var response = handler.handleRequest(Events.get(null), TestContext.standard());

            assertProblem(response, 502, "object-too-large");
            assertThat(Fixtures.json(response.getBody()).get("sizeBytes").asNumber()).isEqualTo(String.valueOf(SEVEN_MB));
        }
    }

    @Test
    void bodyThatOnlyExceedsTheLimitOnceJsonEscaped_isAlsoTooLarge() {
        try (var handler = new CsvTestHandler(Fixtures.environment(s3.endpoint(), "CSV_KEY", "quotes.csv"))) {
            var response = handler.handleRequest(Events.get(null), TestContext.standard());

            assertProblem(response, 502, "object-too-large");
        }
    }

    @Test
    void objectThatGrewTooLarge_isNoLongerServedFromCache() {
        try (var s3b = S3Backend.start().put(BUCKET, KEY, Fixtures.sampleCsv(), "text/csv");
             var handler = new CsvTestHandler(Fixtures.environment(s3b.endpoint(), "CACHE_REVALIDATE_SECONDS", "0"))) {
            assertThat(handler.handleRequest(Events.get(null), TestContext.standard()).getStatusCode()).isEqualTo(200);
            var big = new byte[SEVEN_MB];
            Arrays.fill(big, (byte) 'y');
            s3b.put(BUCKET, KEY, big, "text/csv");

            assertProblem(handler.handleRequest(Events.get(null), TestContext.standard()), 502, "object-too-large");
            assertProblem(handler.handleRequest(Events.get(null), TestContext.standard()), 502, "object-too-large");
        }
    }
}
