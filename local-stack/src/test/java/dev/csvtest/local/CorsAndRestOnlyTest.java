package dev.csvtest.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.csvtest.local.template.TemplateException;
import dev.csvtest.testkit.HttpProbe;
import dev.csvtest.testkit.LogCapture;

/** HTTP API CORS as API Gateway answers it, a template with REST APIs only, and a refused template. */
class CorsAndRestOnlyTest {

    @TempDir
    Path dir;

    private LocalStack start(String yaml) throws IOException {
        // The fixture handlers' build output, wherever this template is written.
        Path template = Files.writeString(dir.resolve("template.yaml"), yaml
                .replace("Function: {Runtime: java21,", "Function: {CodeUri: '" + LocalStackApiTest.FIXTURE_CODE + "', Runtime: java21,")
                .replace("      Runtime: java17\n", "      Runtime: java17\n      CodeUri: '" + LocalStackApiTest.FIXTURE_CODE + "'\n"));
        return LocalStack.start(LocalStackOptions.builder(Map.of()).template(template).port(0)
                .log(new LogCapture(), System.out).build());
    }

    @Test
    void httpApiCors_preflightAnsweredByTheGateway_andHeadersOnResponsesForAllowedOrigins() throws IOException {
        try (var stack = start("""
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function: {Runtime: java21, Handler: dev.csvtest.local.fixtures.CorsHeadersHandler}
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      CorsConfiguration:
                        AllowOrigins: [https://app.example, 'https://*.sub.example']
                        AllowMethods: [GET, PUT]
                        AllowHeaders: [content-type, x-custom]
                        ExposeHeaders: [x-total]
                        MaxAge: 300
                        AllowCredentials: true
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events: {E: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /things, Method: GET}}}
                """);
             var http = new HttpProbe(stack.url())) {
            var preflight = http.send(http.request("/things").header("Origin", "https://app.example")
                    .header("Access-Control-Request-Method", "PUT").header("Access-Control-Request-Headers", "x-custom")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("access-control-allow-origin")).isEqualTo("https://app.example");
            assertThat(preflight.header("access-control-allow-methods")).isEqualTo("GET,PUT");
            assertThat(preflight.header("access-control-allow-headers")).isEqualTo("content-type,x-custom");
            assertThat(preflight.header("access-control-max-age")).isEqualTo("300");
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
    void restOnlyTemplate_unmatchedIs403MissingAuthenticationToken_alsoForAnotherMethod() throws IOException {
        try (var stack = start("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java17
                      Handler: dev.csvtest.local.fixtures.V1EchoHandler
                      Events: {E: {Type: Api, Properties: {Path: /only, Method: GET}}}
                """);
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
    void unsupportedFeatures_areRefusedBeforeAnythingStarts() throws IOException {
        Path template = Files.writeString(dir.resolve("refused.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: prod
                      Auth: {DefaultAuthorizer: Cognito, Authorizers: {Cognito: {UserPoolArn: arn}}}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: python3.12
                      Handler: app.handler
                      Events: {E: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /x, Method: GET}}}
                """);
        assertThatThrownBy(() -> LocalStack.start(LocalStackOptions.builder(Map.of()).template(template).port(0)
                .log(new LogCapture(), System.out).build()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("- Api: Auth.Authorizers is not emulated")
                .hasMessageContaining("- Api: Auth.DefaultAuthorizer is not emulated")
                .hasMessageContaining("- Fn: Runtime python3.12 is not emulated");
    }
}
