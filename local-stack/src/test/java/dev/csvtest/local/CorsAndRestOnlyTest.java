package dev.csvtest.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.csvtest.local.template.TemplateException;
import dev.csvtest.testkit.HttpProbe;
import dev.csvtest.testkit.LogCapture;

/** HTTP API CORS as API Gateway answers it, a template with REST APIs only, and a refused template. */
class CorsAndRestOnlyTest {

    /** A CORS preflight's answer: its status and the four access-control headers every API kind sends. */
    static void assertPreflight(HttpProbe.Reply preflight, int status, String origin, String methods, String headers,
            String maxAge) {
        assertThat(preflight.status()).isEqualTo(status);
        assertThat(preflight.header("access-control-allow-origin")).isEqualTo(origin);
        assertThat(preflight.header("access-control-allow-methods")).isEqualTo(methods);
        assertThat(preflight.header("access-control-allow-headers")).isEqualTo(headers);
        assertThat(preflight.header("access-control-max-age")).isEqualTo(maxAge);
    }

    private static LocalStack start(String template) {
        return LocalStack.start(RunningStack.options(Path.of("src/test/resources/local", template), new LogCapture()).build());
    }

    @Test
    void httpApiCors_preflightAnsweredByTheGateway_andHeadersOnResponsesForAllowedOrigins() {
        try (var stack = start("cors-template.yaml");
             var http = new HttpProbe(stack.url())) {
            var preflight = http.send(http.request("/things").header("Origin", "https://app.example")
                    .header("Access-Control-Request-Method", "PUT").header("Access-Control-Request-Headers", "x-custom")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
            assertPreflight(preflight, 204, "https://app.example", "GET,PUT", "content-type,x-custom", "300");
            assertThat(preflight.header("access-control-allow-credentials")).isEqualTo("true");
            assertThat(preflight.header("apigw-requestid")).isNotBlank();

            // a path without any route: the gateway still answers the preflight
            var wildcard = http.send(http.request("/nowhere").header("Origin", "https://a.sub.example")
                    .header("Access-Control-Request-Method", "GET").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(wildcard.status()).isEqualTo(204);
            assertThat(wildcard.header("access-control-allow-origin")).isEqualTo("https://a.sub.example");

            var refusedOrigin = http.send(http.request("/things").header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "GET").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(refusedOrigin.status()).isEqualTo(204);
            assertThat(refusedOrigin.header("access-control-allow-origin")).isNull();
            var refusedMethod = http.send(http.request("/things").header("Origin", "https://app.example")
                    .header("Access-Control-Request-Method", "DELETE").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(refusedMethod.header("access-control-allow-methods")).isNull();

            // the function's own CORS headers are ignored; the configured ones are added for an allowed origin
            var get = http.send(http.request("/things").header("Origin", "https://app.example").GET().build());
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.all("access-control-allow-origin")).containsExactly("https://app.example");
            assertThat(get.header("access-control-expose-headers")).isEqualTo("x-total");
            assertThat(get.header("access-control-allow-credentials")).isEqualTo("true");
            assertThat(get.header("access-control-allow-methods")).isNull();
            var noOrigin = http.get("/things");
            assertThat(noOrigin.header("access-control-allow-origin")).isNull();
            var otherOrigin = http.send(http.request("/things").header("Origin", "https://evil.example").GET().build());
            assertThat(otherOrigin.header("access-control-allow-origin")).isNull();
        }
    }

    @Test
    void restOnlyTemplate_unmatchedIs403MissingAuthenticationToken_alsoForAnotherMethod() {
        try (var stack = start("rest-only-template.yaml");
             var http = new HttpProbe(stack.url())) {
            assertThat(http.get("/only").status()).isEqualTo(200);
            for (var reply : new HttpProbe.Reply[] {http.get("/nope"),
                    http.send(http.request("/only").POST(HttpRequest.BodyPublishers.noBody()).build()),
                    http.send(http.request("/only").method("HEAD", HttpRequest.BodyPublishers.noBody()).build())}) {
                assertThat(reply.status()).isEqualTo(403);
                assertThat(reply.header("x-amzn-RequestId")).isNotBlank();
            }
            assertThat(http.get("/nope").text()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
        }
    }

    @Test
    void unsupportedFeatures_areRefusedBeforeAnythingStarts() {
        var options = RunningStack.options(Path.of("src/test/resources/local/refused-template.yaml"), new LogCapture());
        assertThatThrownBy(() -> LocalStack.start(options.build()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("- Api: Auth.Authorizers is not emulated")
                .hasMessageContaining("- Api: Auth.DefaultAuthorizer is not emulated")
                .hasMessageContaining("- Fn: Runtime python3.12 is not emulated");
    }
}
