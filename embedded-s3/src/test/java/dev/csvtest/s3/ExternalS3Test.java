package dev.csvtest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.regions.Region;

/** The SDK-backed endpoint, against the embedded server standing in for one outside the JVM. */
class ExternalS3Test {

    @Test
    void createBucketTwice_put_delete_throughTheSdk() {
        try (var server = EmbeddedS3.start();
             var external = ExternalS3.connect(server.endpoint(), Region.US_EAST_1, S3Clients.fakeKeys("test"))) {
            external.createBucket("bucket").createBucket("bucket");
            external.put("bucket", "k.csv", "a\n".getBytes(StandardCharsets.UTF_8), "text/csv");
            assertThat(server.read("bucket", "k.csv")).hasValueSatisfying(o -> assertThat(o.contentType()).isEqualTo("text/csv"));

            external.delete("bucket", "k.csv");
            assertThat(server.read("bucket", "k.csv")).isEmpty();
            assertThat(external.port()).isEqualTo(server.port());
            assertThat(external.description()).isEqualTo("external S3 at " + server.endpoint());
        }
    }
}
