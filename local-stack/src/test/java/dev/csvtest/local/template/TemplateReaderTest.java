package dev.csvtest.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateReaderTest {

    static final Path STAND_IN = Path.of("src/test/resources/local/standin-template.yaml");

    private final TemplateReader reader = new TemplateReader("local", "us-east-1");

    @TempDir
    Path dir;

    @Test
    void standIn_readsFunctionRouteGlobalsAndResolvedEnvironment() {
        var template = reader.read(STAND_IN, Map.of(), Optional.empty());
        var function = template.function("CsvTestFunction");
        assertThat(function.handlerClass()).isEqualTo("dev.csvtest.local.fixtures.S3CsvFixtureHandler");
        assertThat(function.handlerMethod()).isEqualTo("handleRequest");
        assertThat(function.runtime()).isEqualTo("java21");
        assertThat(function.timeoutSeconds()).isEqualTo(25);
        assertThat(function.memoryMb()).isEqualTo(512);
        assertThat(function.reservedConcurrency()).isEmpty();
        assertThat(function.routes()).containsExactly(new RouteSpec("GET", "/csv_test", Optional.empty()));
        assertThat(function.environment()).containsEntry("CSV_BUCKET", "local-databucket")
                .containsEntry("CSV_KEY", "sample.csv")
                .containsEntry("MAX_DELAY_SECONDS", "20")
                .containsEntry("CACHE_REVALIDATE_SECONDS", "60")
                .containsEntry("S3_FORCE_PATH_STYLE", "false")
                .containsEntry("ALWAYS", "yes")
                .doesNotContainKey("LARGE_OBJECT_REDIRECT_URL");
        assertThat(template.buckets()).isEqualTo(Map.of("DataBucket", "local-databucket"));
        assertThat(template.throttling()).containsExactly(new StageThrottling("CsvTestApi", 10000, 5000));
        assertThat(template.notes()).anyMatch(n -> n.contains("LARGE_OBJECT_REDIRECT_URL left unset locally")
                        && n.contains("CloudFront distribution Distribution"))
                .anyMatch(n -> n.startsWith("SeedObject (Custom::SeedObject) runs CsvTestFunction with Create"))
                .anyMatch(n -> n.startsWith("Distribution (AWS::CloudFront::Distribution): bucket 'local-databucket' served"));
        assertThat(function.snapStart()).isTrue();
        assertThat(function.codeUri()).hasValue(".");
        assertThat(template.customResources()).singleElement().satisfies(resource -> {
            assertThat(resource.functionId()).isEqualTo("CsvTestFunction");
            assertThat(resource.properties()).containsEntry("Bucket", "local-databucket").containsEntry("Key", "sample.csv");
        });
        assertThat(template.distributions()).singleElement()
                .isEqualTo(new DistributionSpec("Distribution", "local-databucket", Optional.empty()));
    }

    @Test
    void parameterOverrides_andEnvVarsFile_winOverDefaults_butEnvVarsOnlyOverrideDeclaredVariables() throws IOException {
        Path envVars = Files.writeString(dir.resolve("env.json"), """
                {"Parameters": {"MAX_DELAY_SECONDS": "5", "CSV_KEY": "all.csv"},
                 "CsvTestFunction": {"CSV_KEY": "mine.csv", "NOT_DECLARED": "x", "LARGE_OBJECT_REDIRECT_URL": "https://d.example/s.csv"}}
                """);
        var overrides = TemplateReader.parseParameterOverrides(List.of("CsvKey=data/other.csv", "ParameterKey=CacheRevalidateSeconds,ParameterValue=0"));
        var function = reader.read(STAND_IN, overrides, Optional.of(envVars)).function("CsvTestFunction");
        assertThat(function.environment()).containsEntry("CSV_KEY", "mine.csv")
                .containsEntry("MAX_DELAY_SECONDS", "5")
                .containsEntry("CACHE_REVALIDATE_SECONDS", "0")
                .doesNotContainKey("NOT_DECLARED")
                // declared but unresolvable locally: --env-vars is how the user sets it
                .containsEntry("LARGE_OBJECT_REDIRECT_URL", "https://d.example/s.csv");

        var withKey = reader.read(STAND_IN, overrides, Optional.empty()).function("CsvTestFunction");
        assertThat(withKey.environment()).containsEntry("CSV_KEY", "data/other.csv");
    }

    @Test
    void unknownParameterOverride_isRefused() {
        assertThatThrownBy(() -> reader.read(STAND_IN, Map.of("Nope", "1"), Optional.empty()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Nope");
    }

    @Test
    void whatIsNotEmulated_isRefusedWithEveryProblemListed() throws IOException {
        Path template = Files.writeString(dir.resolve("t.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Node:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: nodejs20.x, Handler: index.handler}
                  Rest:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.B::handleRequest
                      Events:
                        R: {Type: Api, Properties: {Path: /r, Method: get}}
                        Q: {Type: SQS, Properties: {Queue: arn}}
                        A: {Type: HttpApi, Properties: {Path: /a, Method: get, Auth: {Authorizer: Jwt}}}
                        V1: {Type: HttpApi, Properties: {Path: /v1, Method: get, PayloadFormatVersion: '1.0'}}
                  Image:
                    Type: AWS::Serverless::Function
                    Properties: {PackageType: Image, ImageUri: x}
                  RestApi:
                    Type: AWS::Serverless::Api
                    Properties: {StageName: prod}
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      Auth: {Authorizers: {Jwt: {}}, DefaultAuthorizer: Jwt}
                """);
        assertThatThrownBy(() -> reader.read(template, Map.of(), Optional.empty()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Node: Runtime nodejs20.x is not emulated")
                .hasMessageContaining("Type Api is not emulated (REST API events")
                .hasMessageContaining("Type SQS is not emulated")
                .hasMessageContaining("Auth (authorizers) is not emulated")
                .hasMessageContaining("PayloadFormatVersion 1.0 is not emulated")
                .hasMessageContaining("Image: PackageType Image is not emulated")
                .hasMessageContaining("RestApi (AWS::Serverless::Api): REST APIs are not emulated")
                .hasMessageContaining("Api: authorizers are not emulated");
    }

    @Test
    void routeTimeoutInMillis_andReservedConcurrency_areRead() throws IOException {
        Path template = Files.writeString(dir.resolve("t.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  Reserved: {Type: Number, Default: 7}
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.B
                      ReservedConcurrentExecutions: !Ref Reserved
                      Events:
                        Get: {Type: HttpApi, Properties: {Path: /x, Method: get, TimeoutInMillis: 1500}}
                        Any: {Type: HttpApi}
                """);
        var fn = reader.read(template, Map.of(), Optional.empty()).function("Fn");
        assertThat(fn.reservedConcurrency()).hasValue(7);
        assertThat(fn.timeoutSeconds()).isEqualTo(3);
        assertThat(fn.memoryMb()).isEqualTo(128);
        assertThat(fn.routes()).containsExactly(
                new RouteSpec("GET", "/x", Optional.of(Duration.ofMillis(1500))),
                new RouteSpec("ANY", "$default", Optional.empty()));
    }

    @Test
    void propertyOfAwsNoValue_isAbsent() throws IOException {
        Path template = Files.writeString(dir.resolve("t.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  Reserved: {Type: Number, Default: -1}
                Conditions:
                  HasReserved: !Not [!Equals [!Ref Reserved, -1]]
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.B
                      ReservedConcurrentExecutions: !If [HasReserved, !Ref Reserved, !Ref 'AWS::NoValue']
                """);
        assertThat(reader.read(template, Map.of(), Optional.empty()).function("Fn").reservedConcurrency()).isEmpty();
        assertThat(reader.read(template, Map.of("Reserved", "5"), Optional.empty()).function("Fn").reservedConcurrency()).hasValue(5);
    }

    @Test
    void longFormIntrinsics_resolveLikeShortForms() throws IOException {
        Path template = Files.writeString(dir.resolve("t.yaml"), """
                {"Transform": "AWS::Serverless-2016-10-31",
                 "Parameters": {"Stage": {"Type": "String", "Default": "dev"}},
                 "Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "Stage"}, "dev"]}},
                 "Resources": {"Fn": {"Type": "AWS::Serverless::Function", "Properties": {
                   "Runtime": "java21", "Handler": "a.B::run",
                   "Environment": {"Variables": {
                     "A": {"Fn::Sub": ["${X}-${AWS::AccountId}", {"X": {"Ref": "Stage"}}]},
                     "B": {"Fn::If": ["IsDev", "debug", "info"]},
                     "C": {"Fn::Join": ["", ["x", {"Fn::Select": [1, {"Fn::Split": [",", "p,q,r"]}]}]]},
                     "D": "${!Literal}",
                     "E": 42,
                     "F": {"Fn::If": ["IsDev", {"Ref": "AWS::NoValue"}, "x"]}}}}}}}
                """);
        var fn = reader.read(template, Map.of(), Optional.empty()).function("Fn");
        assertThat(fn.handlerMethod()).isEqualTo("run");
        assertThat(fn.environment()).isEqualTo(Map.of("A", "dev-123456789012", "B", "debug", "C", "xq", "D", "${!Literal}", "E", "42"));
    }
}
