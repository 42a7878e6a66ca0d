package dev.csvtest.local;

import dev.csvtest.testkit.HttpProbe;
import dev.csvtest.testkit.LogCapture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

/** HTTP API route selection: literal before {param} before {proxy+}; a method before ANY; $default last. */
class RoutingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void mostSpecificRouteWins_andDefaultCatchesTheRest() throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function: {Runtime: java21, Handler: dev.csvtest.local.fixtures.EchoHandler, CodeUri: %s}
                Resources:
                  Literal:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events: {E: {Type: HttpApi, Properties: {Path: /items/special, Method: GET}}}
                  Param:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events: {E: {Type: HttpApi, Properties: {Path: '/items/{id}', Method: GET}}}
                  AnyParam:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events: {E: {Type: HttpApi, Properties: {Path: '/items/{id}', Method: ANY}}}
                  Greedy:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events: {E: {Type: HttpApi, Properties: {Path: '/files/{proxy+}', Method: ANY}}}
                  Default:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events: {E: {Type: HttpApi}}
                """.formatted(LocalStackApiTest.FIXTURE_CODE));
        try (var stack = LocalStack.start(LocalStackOptions.builder(Map.of()).template(template).port(0)
                .log(new LogCapture(), System.out).build());
             var http = new HttpProbe(stack.url())) {
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
    }

    private static Map<?, ?> event(HttpProbe http, String method, String path) {
        var reply = http.send(http.request(path).method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(reply.status()).as(method + " " + path).isEqualTo(200);
        return (Map<?, ?>) JSON.readValue(reply.text(), Object.class);
    }
}
