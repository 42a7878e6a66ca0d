package dev.csvtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** The probe's plumbing (embedded S3, delay proxy, event, context), with a stand-in handler that does NOT overlap. */
class HandlerProbeTest {

    /** Sleeps the delay, then fetches the object: delay + S3 latency, the behaviour the real handler must beat. */
    public static final class SequentialHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        private final Map<String, String> env;

        public SequentialHandler(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            try {
                assertThat(context.getRemainingTimeInMillis()).isBetween(29_000, 30_000);
                Thread.sleep((long) (1000 * Double.parseDouble(event.getQueryStringParameters().get("delay"))));
                var uri = URI.create(env.get("AWS_ENDPOINT_URL_S3") + "/" + env.get("CSV_BUCKET") + "/" + env.get("CSV_KEY"));
                try (var client = HttpClient.newHttpClient()) {
                    var response = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
                    return APIGatewayV2HTTPResponse.builder().withStatusCode(response.statusCode()).build();
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void probe_withS3Latency_timesEachInvocationThroughTheProxy() throws Exception {
        var json = HandlerProbe.probe(SequentialHandler.class.getName(), "0.2", 300, 2);

        assertThat(json).contains("\"statuses\": [200, 200]", "\"s3LatencyMs\": 300", "\"initMs\": ");
        var invokes = json.replaceAll(".*\"invokeMs\": \\[([^]]*)].*", "$1").split(", ");
        assertThat(invokes).hasSize(2);
        for (var ms : invokes) {
            assertThat(Double.parseDouble(ms)).as("sequential: delay + latency").isGreaterThanOrEqualTo(500);
        }
    }
}
