package dev.csvtest.local;

import dev.csvtest.testkit.HttpProbe;
import dev.csvtest.testkit.LogCapture;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.json.JsonMapper;

/** HTTP API route selection: literal before {param} before {proxy+}; a method before ANY; $default last. */
class RoutingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    final RunningStack local = RunningStack.serving(Path.of("src/test/resources/local/routing-template.yaml"), new LogCapture());

    @Test
    void mostSpecificRouteWins_andDefaultCatchesTheRest() {
        var http = local.http();
        assertThat(event(http, "GET", "/items/special").get("routeKey")).isEqualTo("GET /items/special");
        var param = event(http, "GET", "/items/42");
        assertThat(param.get("routeKey")).isEqualTo("GET /items/{id}");
        assertThat(param.get("pathParameters")).isEqualTo(Map.of("id", "42"));
        assertThat(event(http, "DELETE", "/items/42").get("routeKey")).isEqualTo("ANY /items/{id}");
        var greedy = event(http, "GET", "/files/a/b/c.txt");
        assertThat(greedy.get("routeKey")).isEqualTo("ANY /files/{proxy+}");
        assertThat(greedy.get("pathParameters")).isEqualTo(Map.of("proxy", "a/b/c.txt"));
        var fallback = event(http, "POST", "/anything/else");
        assertThat(fallback.get("routeKey")).isEqualTo("$default");
        assertThat(((Map<?, ?>) fallback.get("requestContext")).get("routeKey")).isEqualTo("$default");
    }

    private static Map<?, ?> event(HttpProbe http, String method, String path) {
        var reply = http.send(http.request(path).method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(reply.status()).as(method + " " + path).isEqualTo(200);
        return (Map<?, ?>) JSON.readValue(reply.text(), Object.class);
    }
}
