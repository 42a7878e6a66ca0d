package dev.csvtest.seeding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.sun.net.httpserver.HttpServer;

import dev.csvtest.function.config.InvalidConfigurationException;
import dev.csvtest.s3.EmbeddedS3;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.csvtest.testkit.TestContext;

/**
 * The seeding custom resource against a real S3-protocol server (versioning on) and a real HTTP server standing in
 * for CloudFormation's pre-signed response URL.
 */
class SeedHandlerTest {

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final String STACK_ID = "arn:aws:cloudformation:us-east-1:123456789012:stack/csv-test/5b1c0a60-ad0d-11f0-9e2a-0a1b2c3d4e5f";
    private static final ObjectMapper JSON = new ObjectMapper();

    // One server for the class: stopping S3Proxy waits ~2 s for the handlers' idle keep-alive connections.
    private static EmbeddedS3 server;
    private static S3Client s3;

    /** A fresh versioned bucket per test. */
    private final String bucket = "csv-test-data-" + BUCKETS.incrementAndGet();
    private HttpServer cloudFormation;
    private final List<Captured> responses = new CopyOnWriteArrayList<>();

    private record Captured(String method, String query, String contentType, JsonNode body) {
    }

    @BeforeAll
    static void startS3() {
        server = EmbeddedS3.start();
        s3 = server.client();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
        server.close();
    }

    @BeforeEach
    void start() throws IOException {
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));

        cloudFormation = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cloudFormation.createContext("/", exchange -> {
            var body = exchange.getRequestBody().readAllBytes();
            responses.add(new Captured(exchange.getRequestMethod(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    JSON.readTree(body)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        cloudFormation.start();
    }

    @AfterEach
    void stop() {
        cloudFormation.stop(0);
    }

    @Test
    void create_putsCsvAndDemoPage_andPutsSuccessToTheResponseUrl() {
        var bundled = SeedContent.bundled();

        var result = handler(() -> bundled).handleRequest(event("Create", null, props(bucket, "sample.csv"), null), context());

        assertThat(get("sample.csv")).isEqualTo(bundled.csv());
        assertThat(get("index.html")).isEqualTo(bundled.demoPage());
        // S3Proxy (Jetty) may drop the space before charset; S3 keeps the header as sent.
        assertThat(contentType("sample.csv")).isEqualTo("text/csv;charset=utf-8");
        assertThat(contentType("index.html")).isEqualTo("text/html;charset=utf-8");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("sample.csv")).cacheControl()).isEqualTo("public, max-age=300");
        assertThat(result).isEqualTo("SUCCESS");

        var sent = onlyResponse();
        assertThat(sent.method()).isEqualTo("PUT");
        assertThat(sent.query()).as("the pre-signed query survives").isEqualTo("X-Amz-Signature=abc");
        assertThat(sent.contentType()).as("no Content-Type, like cfn-response").isNull();
        var body = sent.body();
        assertThat(body.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(body.path("PhysicalResourceId").asText()).isEqualTo(bucket);
        assertThat(body.path("StackId").asText()).isEqualTo(STACK_ID);
        assertThat(body.path("RequestId").asText()).isEqualTo("request-Create");
        assertThat(body.path("LogicalResourceId").asText()).isEqualTo("SeedObjects");
        assertThat(body.path("Data").path("ObjectKey").asText()).isEqualTo("sample.csv");
        assertThat(body.path("Data").path("DemoPageKey").asText()).isEqualTo("index.html");
        assertThat(body.path("Data").path("ETag").asText()).isNotBlank();
        assertThat(body.path("NoEcho").asBoolean()).isFalse();
        assertThat(body.has("Reason")).isFalse();
    }

    /** Seeds the first version under {@code oldKey} (Create), then {@code second} under {@code newKey} (Update). */
    private void createThenUpdate(String oldKey, SeedContent second, String newKey) {
        var first = new SeedContent(bytes("a,b\n1,2\n"), bytes("<p>v1</p>"));
        handler(() -> first).handleRequest(event("Create", null, props(bucket, oldKey), null), context());
        handler(() -> second).handleRequest(event("Update", bucket, props(bucket, newKey), props(bucket, oldKey)), context());
    }

    @Test
    void update_withChangedFileAndKey_putsTheNewContent_andRemovesTheOldKey() {
        var second = new SeedContent(bytes("a,b\n3,4\n"), bytes("<p>v2</p>"));

        createThenUpdate("old.csv", second, "data/new.csv");

        assertThat(get("data/new.csv")).isEqualTo(second.csv());
        assertThat(get("index.html")).isEqualTo(second.demoPage());
        assertThatThrownBy(() -> get("old.csv")).isInstanceOf(NoSuchKeyException.class);
        var update = responses.get(1).body();
        assertThat(update.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(update.path("PhysicalResourceId").asText()).as("stable id: no clean-up Delete").isEqualTo(bucket);
        assertThat(update.path("Data").path("ObjectKey").asText()).isEqualTo("data/new.csv");
    }

    @Test
    void update_withChangedFileAndSameKey_putsANewVersion() {
        var second = new SeedContent(bytes("a,b\n1,2\n5,6\n"), bytes("<p>v1</p>"));

        createThenUpdate("sample.csv", second, "sample.csv");

        assertThat(get("sample.csv")).isEqualTo(second.csv());
        // The SDK may retry a PUT whose response was lost (a stale keep-alive connection), which adds a version
        // with the same content; what must hold is that both contents are kept and the newest is current.
        var versions = s3.listObjectVersions(b -> b.bucket(bucket).prefix("sample.csv")).versions();
        assertThat(versions).extracting(v -> v.size()).containsOnly(8L, 12L).contains(8L, 12L);
        assertThat(versions).filteredOn(v -> v.isLatest()).singleElement().extracting(v -> v.size()).isEqualTo(12L);
        assertThat(responses.get(1).body().path("Status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void delete_onVersionedBucket_removesEveryVersionAndDeleteMarker_soTheBucketCanBeDeleted() {
        var seeded = new SeedContent(bytes("a\n1\n"), bytes("<p>page</p>"));
        handler(() -> seeded).handleRequest(event("Create", null, props(bucket, "sample.csv"), null), context());
        for (var i = 0; i < 3; i++) {
            var n = i;
            s3.putObject(b -> b.bucket(bucket).key("sample.csv"), software.amazon.awssdk.core.sync.RequestBody.fromString("v" + n));
            s3.putObject(b -> b.bucket(bucket).key("other/" + n + ".csv"), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
        }
        s3.deleteObject(b -> b.bucket(bucket).key("other/0.csv"));
        var before = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(before.versions().size()).isGreaterThanOrEqualTo(8);
        assertThat(before.deleteMarkers()).isNotEmpty();

        handler(() -> seeded).handleRequest(event("Delete", bucket, props(bucket, "sample.csv"), null), context());

        var after = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(after.versions()).isEmpty();
        assertThat(after.deleteMarkers()).isEmpty();
        s3.deleteBucket(b -> b.bucket(bucket));
        var delete = responses.get(1).body();
        assertThat(delete.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(delete.path("PhysicalResourceId").asText()).isEqualTo(bucket);
    }

    @Test
    void delete_whenTheBucketIsAlreadyGone_reportsSuccess() {
        s3.deleteBucket(b -> b.bucket(bucket));

        handler(SeedContent::bundled).handleRequest(event("Delete", bucket, props(bucket, "sample.csv"), null), context());

        assertThat(onlyResponse().body().path("Status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void create_whenS3Fails_reportsFailedWithAReason_insteadOfLeavingTheStackWaiting() {
        handler(SeedContent::bundled).handleRequest(event("Create", null, props("no-such-bucket", "sample.csv"), null), context());

        var body = onlyResponse().body();
        assertThat(body.path("Status").asText()).isEqualTo("FAILED");
        assertThat(body.path("Reason").asText()).contains("NoSuchBucket");
        assertThat(body.path("PhysicalResourceId").asText()).isEqualTo("no-such-bucket");
    }

    @Test
    void create_withAMissingProperty_reportsFailedNamingIt() {
        var properties = new HashMap<String, Object>(Map.of("ObjectKey", "sample.csv"));

        handler(SeedContent::bundled).handleRequest(event("Create", null, properties, null), context());

        var body = onlyResponse().body();
        assertThat(body.path("Status").asText()).isEqualTo("FAILED");
        assertThat(body.path("Reason").asText()).contains("BucketName");
        assertThat(body.path("PhysicalResourceId").asText()).isEqualTo(TestContext.LOG_STREAM);
    }

    @Test
    void update_whenS3Fails_keepsThePhysicalId_andReportsFailed() {
        handler(SeedContent::bundled).handleRequest(
                event("Update", bucket, props("no-such-bucket", "sample.csv"), props(bucket, "sample.csv")), context());

        var body = onlyResponse().body();
        assertThat(body.path("Status").asText()).isEqualTo("FAILED");
        assertThat(body.path("PhysicalResourceId").asText()).isEqualTo(bucket);
    }

    @Test
    void unknownRequestType_reportsFailed() {
        handler(SeedContent::bundled).handleRequest(event("Rollback", bucket, props(bucket, "sample.csv"), null), context());

        var body = onlyResponse().body();
        assertThat(body.path("Status").asText()).isEqualTo("FAILED");
        assertThat(body.path("Reason").asText()).contains("unknown RequestType Rollback");
    }

    @Test
    void create_whenTheResponseUrlRefusesTheAnswer_failsTheInvocationLoudly() {
        cloudFormation.removeContext("/");
        cloudFormation.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(403, -1);
            exchange.close();
        });

        assertThatThrownBy(() -> handler(SeedContent::bundled)
                .handleRequest(event("Create", null, props(bucket, "sample.csv"), null), context()))
                .isInstanceOf(IllegalStateException.class)
                .hasStackTraceContaining("HTTP 403");
    }

    @Test
    void requestAsCloudFormationSendsIt_isDeserializedByTheLambdaRuntimeSerializer_andSeeds() {
        // The JSON CloudFormation sends (PascalCase keys), read the way the Lambda Java runtime reads it.
        var json = """
                {
                  "RequestType": "Create",
                  "ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:csv-test-SeedFunction-AbC",
                  "ResponseURL": "http://127.0.0.1:%d/cfn-response?X-Amz-Signature=abc",
                  "StackId": "%s",
                  "RequestId": "0f9a7c3e-3d57-4bc4-8d1a-7c1a2b3c4d5e",
                  "LogicalResourceId": "SeedObjects",
                  "ResourceType": "Custom::SeedObjects",
                  "ResourceProperties": {
                    "ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:csv-test-SeedFunction-AbC",
                    "ServiceTimeout": "300",
                    "BucketName": "%s",
                    "ObjectKey": "sample.csv",
                    "ArtifactVersion": "arn:aws:lambda:us-east-1:123456789012:function:csv-test-SeedFunction-AbC:1"
                  }
                }
                """.formatted(cloudFormation.getAddress().getPort(), STACK_ID, bucket);
        var event = LambdaEventSerializers.serializerFor(CloudFormationCustomResourceEvent.class, getClass().getClassLoader())
                .fromJson(json);

        handler(SeedContent::bundled).handleRequest(event, context());

        var body = onlyResponse().body();
        assertThat(body.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(body.path("RequestId").asText()).isEqualTo("0f9a7c3e-3d57-4bc4-8d1a-7c1a2b3c4d5e");
        assertThat(get("sample.csv")).isEqualTo(SeedContent.bundled().csv());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "AWS_REGION          | Europe",
            "AWS_ENDPOINT_URL_S3 | localhost:9000",
            "S3_FORCE_PATH_STYLE | yes",
            "AWS_ACCESS_KEY_ID   | only-the-key"})
    void badS3Setting_failsInitNamingTheVariable_asTheCsvHandlerDoes(String variable, String value) {
        var environment = new HashMap<>(Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_S3", server.endpoint().toString()));
        environment.put(variable, value);
        var expected = variable.equals("AWS_ACCESS_KEY_ID") ? "AWS_SECRET_ACCESS_KEY" : variable;

        assertThatThrownBy(() -> new SeedHandler(environment))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.variable()).isEqualTo(expected));
    }

    @Test
    void bundledContent_isTheProjectsSampleCsvAndDemoPage() {
        var bundled = SeedContent.bundled();

        assertThat(bundled.csv().length).isGreaterThan(100_000);
        assertThat(new String(bundled.demoPage(), StandardCharsets.UTF_8)).containsIgnoringCase("<html");
    }

    private SeedHandler handler(java.util.function.Supplier<SeedContent> content) {
        var environment = Map.of(
                "AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL_S3", server.endpoint().toString(),
                "S3_FORCE_PATH_STYLE", "true",
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local");
        return new SeedHandler(environment, content);
    }

    private CloudFormationCustomResourceEvent event(String type, String physicalId, Map<String, Object> properties,
                                                    Map<String, Object> oldProperties) {
        var event = new CloudFormationCustomResourceEvent();
        event.setRequestType(type);
        event.setServiceToken("arn:aws:lambda:us-east-1:123456789012:function:csv-test-SeedFunction");
        // A pre-signed S3 URL in AWS; query parameters must survive the PUT.
        event.setResponseUrl("http://127.0.0.1:" + cloudFormation.getAddress().getPort()
                + "/cloudformation-custom-resource-response?X-Amz-Signature=abc");
        event.setStackId(STACK_ID);
        event.setRequestId("request-" + type);
        event.setLogicalResourceId("SeedObjects");
        event.setPhysicalResourceId(physicalId);
        event.setResourceType("Custom::SeedObjects");
        event.setResourceProperties(properties);
        event.setOldResourceProperties(oldProperties);
        return event;
    }

    private static Map<String, Object> props(String bucket, String key) {
        return new HashMap<>(Map.of("ServiceToken", "arn:aws:lambda:us-east-1:123456789012:function:seed",
                "BucketName", bucket, "ObjectKey", key, "ArtifactVersion", "1"));
    }

    private Captured onlyResponse() {
        assertThat(responses).hasSize(1);
        return responses.getFirst();
    }

    private byte[] get(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    private String contentType(String key) {
        return s3.headObject(b -> b.bucket(bucket).key(key)).contentType().replace(" ", "");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static TestContext context() {
        return TestContext.standard();
    }

}
