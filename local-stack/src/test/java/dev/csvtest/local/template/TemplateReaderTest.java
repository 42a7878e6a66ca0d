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

    /**
     * Writes a template whose one resource is the java21 function Fn with handler a.B: {@code head} is what stands
     * before Resources (Parameters, Conditions), {@code properties} the function's further properties.
     */
    private Path templateWithFn(String head, String properties) throws IOException {
        return Files.writeString(dir.resolve("t.yaml"), "Transform: AWS::Serverless-2016-10-31\n" + head + """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.B
                """ + properties.indent(6));
    }

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
        var api = new ApiSpec("CsvTestApi", ApiSpec.Kind.HTTP, "$default", Map.of(), Optional.empty(), List.of());
        assertThat(function.routes()).containsExactly(new RouteSpec("GET", "/csv_test", Optional.empty(), api, "2.0"));
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
    void whatIsNotEmulated_isRefusedWithEveryProblemListed_oneLineEach() {
        Path template = Path.of("src/test/resources/local/not-emulated-template.yaml");
        assertThatThrownBy(() -> reader.read(template, Map.of(), Optional.empty()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("- Node: Runtime nodejs20.x is not emulated (Java runtimes only: [java11, java17, java21, java25, java8.al2])")
                .hasMessageContaining("- OldJava: Runtime java8 is not emulated")
                .hasMessageContaining("- Fn event Q: Type SQS is not emulated")
                .hasMessageContaining("- Fn event A: Auth (authorizers, API keys, IAM) is not emulated")
                .hasMessageContaining("- Fn event V3: PayloadFormatVersion 3.0 is not one of HTTP API's 1.0, 2.0")
                .hasMessageContaining("- Fn event R: Auth (authorizers, API keys, IAM) is not emulated")
                .hasMessageContaining("- Fn event Missing: RestApiId !Ref Nope is no AWS::Serverless::Api of this template")
                .hasMessageContaining("- Image: PackageType Image is not emulated")
                .hasMessageContaining("- Globals.Api: Auth.ApiKeyRequired is not emulated")
                .hasMessageContaining("- RestApi: DefinitionUri (an OpenAPI definition) is not emulated")
                .hasMessageContaining("- RestApi: GatewayResponses is not emulated")
                .hasMessageContaining("- Api: Auth (authorizers) is not emulated")
                .hasMessageContaining("- Api: DefinitionBody (an OpenAPI definition) is not emulated")
                .hasMessageContaining("- Raw (AWS::ApiGateway::RestApi): plain CloudFormation APIs are not emulated");
    }

    @Test
    void restAndHttpApis_implicitAndExplicit_withStagesVariablesCorsAndBinaryTypes() throws IOException {
        Path template = Files.writeString(dir.resolve("t.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function: {Runtime: java21, Handler: a.B}
                  Api:
                    Variables: {FROM_GLOBALS: g}
                    BinaryMediaTypes: ['image~1png']
                  HttpApi:
                    CorsConfiguration:
                      AllowOrigins: [https://app.example]
                      AllowMethods: [GET, POST]
                      MaxAge: 300
                Resources:
                  MyApi:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: dev
                      Variables: {OWN: o}
                      Cors: {AllowOrigin: "'*'", AllowHeaders: "'content-type'", MaxAge: "'60'"}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Implicit: {Type: Api, Properties: {Path: '/things/{id}', Method: get}}
                        Explicit: {Type: Api, Properties: {RestApiId: !Ref MyApi, Path: '/{proxy+}', Method: any, TimeoutInMillis: 5000}}
                        Http: {Type: HttpApi, Properties: {Path: /h, Method: post, PayloadFormatVersion: '1.0'}}
                """);
        var sam = reader.read(template, Map.of(), Optional.empty());
        var routes = sam.function("Fn").routes();
        assertThat(routes).hasSize(3);
        var implicit = routes.get(0).api();
        assertThat(implicit).isEqualTo(new ApiSpec("ServerlessRestApi", ApiSpec.Kind.REST, "Prod", Map.of("FROM_GLOBALS", "g"),
                Optional.empty(), List.of("image/png")));
        assertThat(routes.get(0).payloadV1()).isTrue();
        var explicit = routes.get(1);
        assertThat(explicit.method()).isEqualTo("ANY");
        assertThat(explicit.integrationTimeout()).contains(Duration.ofMillis(5000));
        assertThat(explicit.api()).isEqualTo(new ApiSpec("MyApi", ApiSpec.Kind.REST, "dev", Map.of("FROM_GLOBALS", "g", "OWN", "o"),
                Optional.of(new CorsConfig(List.of("*"), List.of(), List.of("content-type"), List.of(), Optional.of(60), false)),
                List.of("image/png")));
        var http = routes.get(2);
        assertThat(http.payloadFormatVersion()).isEqualTo("1.0");
        assertThat(http.payloadV1()).isTrue();
        assertThat(http.api().cors()).contains(new CorsConfig(List.of("https://app.example"), List.of("GET", "POST"), List.of(),
                List.of(), Optional.of(300), false));
    }

    @Test
    void routeTimeoutInMillis_andReservedConcurrency_areRead() throws IOException {
        Path template = templateWithFn("""
                Parameters:
                  Reserved: {Type: Number, Default: 7}
                """, """
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
        Path template = templateWithFn("""
                Parameters:
                  Reserved: {Type: Number, Default: -1}
                Conditions:
                  HasReserved: !Not [!Equals [!Ref Reserved, -1]]
                """, """
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
