package dev.csvtest.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class EmbeddedS3Test {

    @Test
    void servesPutObject_andAnswersConditionalGetWith304() {
        try (var s3 = EmbeddedS3.start().put("bucket", "data/a.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "text/csv");
             var client = S3Client.builder()
                     .endpointOverride(s3.endpoint())
                     .forcePathStyle(true)
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                     .httpClient(UrlConnectionHttpClient.create())
                     .build()) {
            var first = client.getObjectAsBytes(b -> b.bucket("bucket").key("data/a.csv"));
            assertThat(first.asUtf8String()).isEqualTo("a,b\n1,2\n");
            assertThat(first.response().eTag()).isNotBlank();

            assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket("bucket").key("data/a.csv").ifNoneMatch(first.response().eTag())))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
            assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket("bucket").key("missing.csv")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        }
    }
}
