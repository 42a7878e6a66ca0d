package dev.csvtest.local.s3;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import dev.csvtest.s3.EmbeddedS3;
import dev.csvtest.s3.S3Clients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * The S3 the local stack gives a template that declares buckets: the {@link EmbeddedS3} by default, or an external
 * endpoint ({@code --s3-endpoint}: LocalStack, MinIO, ...) in which the stack creates the template's buckets as a
 * deploy would.
 */
public sealed interface LocalS3 extends AutoCloseable {

    static LocalS3 embedded() {
        var server = EmbeddedS3.start();
        return new Embedded(server.endpoint(), server);
    }

    /**
     * An external S3. The stack talks to it with the user's credentials: keys in the environment it was given, else
     * the SDK's default chain when the user has a profile; dummy keys when there are none.
     */
    static LocalS3 external(URI endpoint, String region, Map<String, String> processEnv, boolean userHasCredentials) {
        AwsCredentialsProvider credentials;
        if (processEnv.get("AWS_ACCESS_KEY_ID") != null && processEnv.get("AWS_SECRET_ACCESS_KEY") != null) {
            credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(processEnv.get("AWS_ACCESS_KEY_ID"),
                    processEnv.get("AWS_SECRET_ACCESS_KEY")));
        } else if (userHasCredentials) {
            credentials = DefaultCredentialsProvider.builder().build();
        } else {
            credentials = S3Clients.fakeKeys("local-stack");
        }
        return new External(endpoint, S3Clients.forEndpoint(endpoint, Region.of(region), credentials));
    }

    URI endpoint();

    default boolean isEmbedded() {
        return this instanceof Embedded;
    }

    void createBucket(String bucket);

    /** An object of the embedded S3 (the external one is not read by the stack itself). */
    Optional<EmbeddedS3.StoredObject> read(String bucket, String key);

    String description();

    @Override
    void close();

    /** The S3 server in the stack's own JVM; it stops with the stack. */
    record Embedded(URI endpoint, EmbeddedS3 server) implements LocalS3 {

        @Override
        public void createBucket(String bucket) {
            server.createBucket(bucket);
        }

        @Override
        public Optional<EmbeddedS3.StoredObject> read(String bucket, String key) {
            return server.read(bucket, key);
        }

        @Override
        public String description() {
            return endpoint + " (embedded S3Proxy)";
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** An S3 the user runs; the stack only creates buckets in it, and closes nothing but its client. */
    record External(URI endpoint, S3Client client) implements LocalS3 {

        @Override
        public void createBucket(String bucket) {
            try {
                client.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException alreadyThere) {
                // a second start against the same S3: fine
            }
        }

        @Override
        public Optional<EmbeddedS3.StoredObject> read(String bucket, String key) {
            return Optional.empty();
        }

        @Override
        public String description() {
            return endpoint + " (external, --s3-endpoint)";
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
