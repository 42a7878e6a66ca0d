package dev.csvtest.seeding;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 side of seeding: put the objects, remove a stale key, and empty a versioned bucket.
 *
 * <p>Needs exactly {@code s3:PutObject}, {@code s3:DeleteObject}, {@code s3:DeleteObjectVersion} on the bucket's
 * objects and {@code s3:ListBucketVersions} on the bucket (see {@code SeedFunction} in {@code template.yaml}).
 */
final class BucketSeeder {

    static final String CSV_CONTENT_TYPE = "text/csv; charset=utf-8";
    static final String HTML_CONTENT_TYPE = "text/html; charset=utf-8";
    /**
     * CloudFront's CachingOptimized policy honours the origin's max-age: a redeploy with a changed file reaches the
     * edge within five minutes instead of the policy's one-day default.
     */
    static final String CACHE_CONTROL = "public, max-age=300";

    /** DeleteObjects takes at most 1,000 keys per request. */
    static final int MAX_DELETE_BATCH = 1_000;

    private final S3Client s3;
    private final int deleteBatch;

    BucketSeeder(S3Client s3) {
        this(s3, MAX_DELETE_BATCH);
    }

    /** Tests use a small batch to exercise the batching without thousands of objects. */
    BucketSeeder(S3Client s3, int deleteBatch) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        if (deleteBatch < 1 || deleteBatch > MAX_DELETE_BATCH) {
            throw new IllegalArgumentException("deleteBatch must be 1.." + MAX_DELETE_BATCH + ": " + deleteBatch);
        }
        this.deleteBatch = deleteBatch;
    }

    /** Puts the CSV at the configured key and the demo page at {@code index.html}. Returns the CSV's ETag. */
    String seed(SeedProperties target, SeedContent content) {
        put(target.bucket(), SeedProperties.DEMO_PAGE_KEY, content.demoPage(), HTML_CONTENT_TYPE);
        return put(target.bucket(), target.objectKey(), content.csv(), CSV_CONTENT_TYPE);
    }

    /** Deletes the current version of one key (on a versioned bucket this adds a delete marker). */
    void delete(String bucket, String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    /**
     * Deletes every object version and delete marker, so that CloudFormation can delete the bucket.
     *
     * @return how many versions and delete markers were removed; 0 if the bucket does not exist
     */
    int empty(String bucket) {
        var removed = 0;
        try {
            List<ObjectIdentifier> batch = new ArrayList<>();
            for (var page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket))) {
                page.versions().forEach(v -> batch.add(id(v.key(), v.versionId())));
                page.deleteMarkers().forEach(m -> batch.add(id(m.key(), m.versionId())));
                while (batch.size() >= deleteBatch) {
                    removed += deleteAll(bucket, batch.subList(0, deleteBatch));
                }
            }
            if (!batch.isEmpty()) {
                removed += deleteAll(bucket, batch);
            }
        } catch (NoSuchBucketException e) {
            return removed;
        }
        return removed;
    }

    private String put(String bucket, String key, byte[] bytes, String contentType) {
        return s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).cacheControl(CACHE_CONTROL),
                RequestBody.fromBytes(bytes)).eTag();
    }

    /** Deletes the given versions and clears the list; any per-key error fails the whole operation. */
    private int deleteAll(String bucket, List<ObjectIdentifier> ids) {
        var objects = List.copyOf(ids);
        ids.clear();
        var response = s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(objects).quiet(true).build()));
        if (response.hasErrors() && !response.errors().isEmpty()) {
            var first = response.errors().getFirst();
            throw S3Exception.builder()
                    .message("could not delete " + response.errors().size() + " of " + objects.size()
                            + " object versions in " + bucket + ", first: " + first.key() + " (" + first.code() + ": "
                            + first.message() + ")")
                    .build();
        }
        return objects.size();
    }

    private static ObjectIdentifier id(String key, String versionId) {
        return ObjectIdentifier.builder().key(key).versionId(versionId).build();
    }

    /** Closes the S3 client (its threads and connections). */
    void close() {
        s3.close();
    }
}
