package dev.csvtest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.model.S3Exception;

class EmbeddedS3Test {

    @Test
    void servesPutObject_andAnswersConditionalGetWith304() {
        try (var s3 = EmbeddedS3.start().put("bucket", "data/a.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "text/csv");
             var client = s3.client()) {
            var first = client.getObjectAsBytes(b -> b.bucket("bucket").key("data/a.csv"));
            assertThat(first.asUtf8String()).isEqualTo("a,b\n1,2\n");
            assertThat(first.response().eTag()).isNotBlank();

            assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket("bucket").key("data/a.csv").ifNoneMatch(first.response().eTag())))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
            assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket("bucket").key("missing.csv")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        }
    }

    @Test
    void read_givesBytesAndContentType_untilDeleted() {
        try (var s3 = EmbeddedS3.start().put("bucket", "index.html", "<p>hi</p>".getBytes(StandardCharsets.UTF_8), "text/html")) {
            assertThat(s3.read("bucket", "index.html")).hasValueSatisfying(o -> {
                assertThat(new String(o.bytes(), StandardCharsets.UTF_8)).isEqualTo("<p>hi</p>");
                assertThat(o.contentType()).isEqualTo("text/html");
            });
            assertThat(s3.read("bucket", "other.html")).isEmpty();
            assertThat(s3.read("no-such-bucket", "index.html")).isEmpty();

            s3.delete("bucket", "index.html");
            assertThat(s3.read("bucket", "index.html")).isEmpty();
        }
    }
}
