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

/** The HttpApi's {@code DefaultRouteSettings} throttling: a token bucket; over it, 429 before Lambda is called. */
class StageThrottlingTest {

    @TempDir
    Path dir;

    @Test
    void overTheBurst_answers429TooManyRequests_unlessSwitchedOff() throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      DefaultRouteSettings: {ThrottlingBurstLimit: 2, ThrottlingRateLimit: 0.01}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: dev.csvtest.local.fixtures.InferredResponseHandler
                      CodeUri: %s
                      Events:
                        Get: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /x, Method: GET}}
                """.formatted(LocalStackApiTest.FIXTURE_CODE));
        var options = LocalStackOptions.builder(Map.of()).template(template).port(0).log(new LogCapture(), System.out);
        try (var stack = LocalStack.start(options.build()); var http = new HttpProbe(stack.url())) {
            assertThat(http.get("/x").status()).isEqualTo(200);
            assertThat(http.get("/x").status()).isEqualTo(200);
            var third = http.get("/x");
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.text()).isEqualTo("{\"message\":\"Too Many Requests\"}");
        }
        try (var stack = LocalStack.start(options.stageThrottling(false).build()); var http = new HttpProbe(stack.url())) {
            for (int i = 0; i < 5; i++) {
                assertThat(http.get("/x").status()).isEqualTo(200);
            }
        }
    }
}
