package dev.csvtest.seeding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;

import tools.jackson.databind.ObjectMapper;

class CustomResourceResponseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void failed_withQuotesNewlinesAndControlCharactersInTheReason_isValidJsonCarryingTheReasonVerbatim() {
        var reason = "S3Exception: \"Access Denied\"\nat line 1\\2\ttab\u0001";

        var body = JSON.readTree(CustomResourceResponse.failed("bucket-1", reason).toJson(request()));

        assertThat(body.path("Status").asText()).isEqualTo("FAILED");
        assertThat(body.path("Reason").asText()).isEqualTo(reason);
        assertThat(body.path("PhysicalResourceId").asText()).isEqualTo("bucket-1");
        assertThat(body.path("StackId").asText()).isEqualTo("stack-1");
        assertThat(body.path("RequestId").asText()).isEqualTo("request-1");
        assertThat(body.path("LogicalResourceId").asText()).isEqualTo("SeedObjects");
        assertThat(body.path("Data").isObject()).isTrue();
        assertThat(body.path("Data").size()).isZero();
    }

    @Test
    void failed_withAHugeReason_staysInsideCloudFormations4096ByteLimit() {
        var json = CustomResourceResponse.failed("bucket-1", "x".repeat(10_000)).toJson(request());

        assertThat(json.length()).isLessThan(4_096);
        assertThat(JSON.readTree(json).path("Reason").asText()).hasSize(CustomResourceResponse.MAX_REASON + 3).endsWith("...");
    }

    @Test
    void failed_withAHugeNonAsciiReason_staysInside4096Bytes_escapedByTheSharedWriter() {
        var reason = "é<&>\u2028".repeat(2_000);

        var json = CustomResourceResponse.failed("bucket-1", reason).toJson(request());

        assertThat(json).matches("\\p{ASCII}*").doesNotContain("<");
        assertThat(json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(4_096);
        assertThat(JSON.readTree(json).path("Reason").asText()).startsWith("é<&>\u2028é").endsWith("...");
    }

    @Test
    void success_carriesDataForGetAtt() {
        var body = JSON.readTree(CustomResourceResponse.success("bucket-1", Map.of("ObjectKey", "a/b.csv", "ETag", "\"e1\""))
                .toJson(request()));

        assertThat(body.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(body.has("Reason")).isFalse();
        assertThat(body.path("Data").path("ObjectKey").asText()).isEqualTo("a/b.csv");
        assertThat(body.path("Data").path("ETag").asText()).isEqualTo("\"e1\"");
    }

    private static CloudFormationCustomResourceEvent request() {
        var event = new CloudFormationCustomResourceEvent();
        event.setStackId("stack-1");
        event.setRequestId("request-1");
        event.setLogicalResourceId("SeedObjects");
        return event;
    }
}
