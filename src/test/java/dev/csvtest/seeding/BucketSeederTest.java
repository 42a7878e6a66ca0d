package dev.csvtest.seeding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.csvtest.s3.EmbeddedS3;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

class BucketSeederTest {

    @Test
    void empty_withMoreVersionsThanOneDeleteBatch_deletesThemAllInSeveralBatches() {
        try (var server = EmbeddedS3.start();
             var s3 = server.client()) {
            s3.createBucket(b -> b.bucket("batched"));
            s3.putBucketVersioning(b -> b.bucket("batched").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            for (var i = 0; i < 7; i++) {
                var key = "k" + (i % 3);
                s3.putObject(b -> b.bucket("batched").key(key), RequestBody.fromString("v"));
            }
            s3.deleteObject(b -> b.bucket("batched").key("k0"));
            var before = s3.listObjectVersions(b -> b.bucket("batched"));
            var total = before.versions().size() + before.deleteMarkers().size();

            var removed = new BucketSeeder(s3, 3).empty("batched");

            assertThat(removed).isEqualTo(total).isGreaterThanOrEqualTo(8);
            var after = s3.listObjectVersions(b -> b.bucket("batched"));
            assertThat(after.versions()).isEmpty();
            assertThat(after.deleteMarkers()).isEmpty();
        }
    }
}
