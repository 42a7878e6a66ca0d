package dev.csvtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Both bare-limit servers on loopback port 0, called with a real HTTP client. */
class BareServerTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @ParameterizedTest
    @EnumSource(BareServer.Impl.class)
    void sleepRoute_validDelay_sleepsThenAnswers200(BareServer.Impl impl) throws Exception {
        try (var server = BareServer.start(impl, 0, 128)) {
            var start = System.nanoTime();
            var response = get(server, "/csv_test?delay=0.3&tab=1");
            var millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok\n");
            assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
            assertThat(millis).isGreaterThanOrEqualTo(300);
        }
    }

    @ParameterizedTest
    @EnumSource(BareServer.Impl.class)
    void sleepRoute_badDelay_answers400_unknownPath404(BareServer.Impl impl) throws Exception {
        try (var server = BareServer.start(impl, 0, 128)) {
            assertThat(get(server, "/csv_test?delay=abc").statusCode()).isEqualTo(400);
            assertThat(get(server, "/csv_test?delay=61").statusCode()).isEqualTo(400);
            assertThat(get(server, "/nope").statusCode()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(BareServer.Impl.class)
    void sleepRoute_withBody_answersTheFileAsCsvAfterTheSleep(BareServer.Impl impl) throws Exception {
        var csv = BareServerTest.class.getResourceAsStream("/sample.csv").readAllBytes();
        try (var server = BareServer.start(impl, 0, 128, SleepRoute.Body.csv(csv))) {
            var start = System.nanoTime();
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/csv_test?delay=0.2")).build();
            var response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            var millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(csv);
            assertThat(response.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
            assertThat(millis).isGreaterThanOrEqualTo(200);
        }
    }

    @Test
    void delayMillis_parsesDecimalSecondsAndRejectsOutOfRange() {
        assertThat(SleepRoute.delayMillis(null)).isZero();
        assertThat(SleepRoute.delayMillis("tab=3")).isZero();
        assertThat(SleepRoute.delayMillis("delay=0.25&tab=3")).isEqualTo(250);
        assertThat(SleepRoute.delayMillis("tab=3&delay=10")).isEqualTo(10_000);
        assertThat(SleepRoute.delayMillis("delay=-1")).isEqualTo(-1);
        assertThat(SleepRoute.delayMillis("delay=x")).isEqualTo(-1);
    }

    private static HttpResponse<String> get(SleepServer server, String pathAndQuery) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
