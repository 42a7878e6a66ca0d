package dev.csvtest.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.csvtest.testkit.HttpProbe;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each sample app, unmodified, served from its own folder by {@code java -jar local-stack.jar start-api} and probed
 * over HTTP; and each of its functions invoked with each of its events by {@code invoke}.
 */
class SampleAppsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(HttpProbe.Reply reply) {
        return JSON.readTree(reply.body());
    }

    @Test
    void helloRest_restApiEvents_pathParameters_greedyProxy_cors_andTwoParallelSleepsOverlap() throws Exception {
        try (var stack = LocalStackProcess.startApi("hello-rest"); var http = new HttpProbe(stack.url())) {
            var hello = http.get("/hello");
            assertThat(hello.status()).as(stack.output()).isEqualTo(200);
            assertThat(json(hello).get("message").asString()).isEqualTo("Hello, world");
            assertThat(json(hello).get("param1").asString()).isEqualTo("VALUE");   // System.getenv in the handler
            assertThat(json(http.get("/hello/alice")).get("message").asString()).isEqualTo("Hello, alice");

            var proxy = json(http.send(http.request("/proxy/a/b?x=1&x=2&y=3")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"ping\":true}")).build()));
            assertThat(proxy.get("method").asString()).isEqualTo("POST");
            assertThat(proxy.get("resource").asString()).isEqualTo("/proxy/{proxy+}");
            assertThat(proxy.get("pathParameters").get("proxy").asString()).isEqualTo("a/b");
            assertThat(proxy.get("stage").asString()).isEqualTo("Prod");
            assertThat(proxy.get("multiValueQueryStringParameters").get("x").toString()).isEqualTo("[\"1\",\"2\"]");
            assertThat(proxy.get("body").asString()).isEqualTo("{\"ping\":true}");

            var unmatched = http.get("/nope");
            assertThat(unmatched.status()).isEqualTo(403);
            assertThat(unmatched.text()).contains("Missing Authentication Token");

            var preflight = http.send(http.request("/hello").header("Origin", "https://app.example")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(preflight.status()).isEqualTo(200);
            assertThat(preflight.header("access-control-allow-origin")).isEqualTo("*");

            // Two browser tabs: each request its own execution environment, so both end after about 2 s.
            var tabs = IntStream.range(0, 2).mapToObj(i -> http.getAsync("/hello?sleep=2000&tab=" + i)).toList();
            for (var tab : tabs) {
                var reply = tab.join();
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.millis()).as("each of two parallel 2 s requests").isBetween(2000L, 2500L);
            }
        }
    }

    @Test
    void streamV1_httpApiPayload10_multiValueHeaders_andABinaryBody() throws Exception {
        try (var stack = LocalStackProcess.startApi("stream-v1"); var http = new HttpProbe(stack.url())) {
            var echo = http.get("/stream/echo?tag=a&tag=b");
            assertThat(echo.status()).as(stack.output()).isEqualTo(200);
            assertThat(echo.headers().allValues("set-cookie"))
                    .containsExactly("flavour=oatmeal; Path=/", "colour=blue; Path=/");
            assertThat(echo.headers().allValues("x-multi")).containsExactly("first", "second");
            var event = json(echo);
            assertThat(event.get("version").asString()).isEqualTo("1.0");
            assertThat(event.get("httpMethod").asString()).isEqualTo("GET");
            assertThat(event.get("multiValueQueryStringParameters").get("tag").toString()).isEqualTo("[\"a\",\"b\"]");
            assertThat(event.get("functionName").asString()).isEqualTo("local-StreamFunction");

            var binary = http.get("/stream/binary");
            assertThat(binary.status()).isEqualTo(200);
            assertThat(binary.header("content-type")).isEqualTo("application/octet-stream");
            var expected = new byte[256];
            for (int i = 0; i < 256; i++) {
                expected[i] = (byte) i;
            }
            assertThat(binary.body()).isEqualTo(expected);
        }
    }

    @Test
    void springBoot_handlerFromADependencyJar_mainClassFromTheEnvironment_restProxy() throws Exception {
        try (var stack = LocalStackProcess.startApi("spring-boot"); var http = new HttpProbe(stack.url())) {
            var pets = http.get("/pets");
            assertThat(pets.status()).as(stack.output()).isEqualTo(200);
            assertThat(json(pets).size()).isGreaterThanOrEqualTo(2);
            assertThat(json(http.get("/pets/1")).get("name").asString()).isEqualTo("Rex");
            assertThat(http.get("/pets/999").status()).isEqualTo(404);
            var created = http.send(http.request("/pets").header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Nibbles\",\"breed\":\"Hamster\"}")).build());
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("location")).startsWith("/pets/");
            assertThat(json(http.get("/info")).get("store").asString()).isEqualTo("Downtown Pets");
        }
    }

    @Test
    void powertools_wovenLoggingAndMetrics_configuredByTheirVariables_reportTheColdStart() throws Exception {
        try (var stack = LocalStackProcess.startApi("powertools"); var http = new HttpProbe(stack.url())) {
            var first = http.get("/powertools");
            assertThat(first.status()).as(stack.output()).isEqualTo(200);
            var body = json(first);
            assertThat(body.get("service").asString()).isEqualTo("hello-powertools");
            assertThat(body.get("logLevel").asString()).isEqualTo("DEBUG");
            assertThat(body.get("metricsNamespace").asString()).isEqualTo("SamSamples");
            assertThat(body.get("coldStart").asString()).isEqualTo("true");
            assertThat(json(http.get("/powertools")).get("coldStart").asString()).isEqualTo("false");
            assertThat(stack.lines()).anyMatch(l -> l.contains("\"ColdStart\"") && l.contains("SamSamples"));
        }
    }

    @Test
    void twoVersions_eachFunctionGetsItsOwnVersionOfTheSameLibrary_inItsOwnLoader() throws Exception {
        try (var stack = LocalStackProcess.startApi("two-versions"); var http = new HttpProbe(stack.url())) {
            var a = json(http.get("/a"));
            var b = json(http.get("/b"));
            assertThat(a.get("commonsLang3Version").asString()).as(stack.output()).isEqualTo("3.12.0");
            assertThat(b.get("commonsLang3Version").asString()).isEqualTo("3.17.0");
            assertThat(a.get("versionMatches").asBoolean()).isTrue();
            assertThat(b.get("versionMatches").asBoolean()).isTrue();
            assertThat(a.get("libraryClassLoader").asString()).isNotEqualTo(b.get("libraryClassLoader").asString());
        }
    }

    static Stream<Arguments> events() throws Exception {
        var functions = Map.of(
                "hello-rest", "HelloWorldFunction",
                "stream-v1", "StreamFunction",
                "spring-boot", "PetStoreFunction",
                "powertools", "PowertoolsFunction");
        var all = new java.util.ArrayList<Arguments>();
        for (var sample : List.of("hello-rest", "stream-v1", "spring-boot", "powertools", "two-versions")) {
            try (var files = Files.list(LocalStackProcess.SAMPLES.resolve(sample).resolve("events"))) {
                for (Path event : files.sorted().toList()) {
                    String name = event.getFileName().toString();
                    String function = sample.equals("two-versions")
                            ? (name.startsWith("a") ? "FunctionA" : "FunctionB") : functions.get(sample);
                    all.add(Arguments.of(sample, function, "events/" + name));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: invoke {1} -e {2}")
    @MethodSource("events")
    void invoke_eachFunctionWithEachOfItsEvents_printsAResponse_andExits0(String sample, String function, String event)
            throws Exception {
        var run = LocalStackProcess.run(sample, Duration.ofSeconds(120), "invoke", function, "-e", event);
        assertThat(run.status()).as(run.output()).isZero();
        // The response is the last JSON line (stdout); a proxy response's statusCode must be a success.
        var response = run.output().lines().filter(l -> l.startsWith("{")).reduce((x, y) -> y);
        assertThat(response).as(run.output()).isPresent();
        var json = JSON.readTree(response.get());
        if (json.has("statusCode")) {
            assertThat(json.get("statusCode").asInt()).as(response.get()).isBetween(200, 299);
        }
        assertThat(run.output()).contains("REPORT " + function);
    }
}
