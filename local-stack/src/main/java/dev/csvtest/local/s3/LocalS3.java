package dev.csvtest.local.s3;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * The S3 the local stack gives a template that declares buckets: the {@link EmbeddedS3} by default, or an external
 * endpoint ({@code --s3-endpoint}: LocalStack, MinIO, ...) in which the stack creates the template's buckets as a
 * deploy would.
 */
public final class LocalS3 implements AutoCloseable {

    private final URI endpoint;
    private final EmbeddedS3 embedded;
    private final S3Client external;

    private LocalS3(URI endpoint, EmbeddedS3 embedded, S3Client external) {
        this.endpoint = endpoint;
        this.embedded = embedded;
        this.external = external;
    }

    public static LocalS3 embedded() {
        var s3 = EmbeddedS3.start();
        return new LocalS3(s3.endpoint(), s3, null);
    }

    /**
     * An external S3. The stack talks to it with the user's credentials: keys in the environment it was given, else
     * the SDK's default chain when the user has a profile; dummy keys when there are none.
     */
    public static LocalS3 external(URI endpoint, String region, Map<String, String> processEnv, boolean userHasCredentials) {
        AwsCredentialsProvider credentials;
        if (processEnv.get("AWS_ACCESS_KEY_ID") != null && processEnv.get("AWS_SECRET_ACCESS_KEY") != null) {
            credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(processEnv.get("AWS_ACCESS_KEY_ID"),
                    processEnv.get("AWS_SECRET_ACCESS_KEY")));
        } else if (userHasCredentials) {
            credentials = DefaultCredentialsProvider.builder().build();
        } else {
            credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local-stack", "local-stack"));
        }
        var client = S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return new LocalS3(endpoint, null, client);
    }

    public URI endpoint() {
        return endpoint;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public void createBucket(String bucket) {
        if (embedded != null) {
            embedded.createBucket(bucket);
            return;
        }
        try {
            external.createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // a second start against the same S3: fine
        }
    }

    /** An object of the embedded S3 (the external one is not read by the stack itself). */
    public Optional<EmbeddedS3.StoredObject> read(String bucket, String key) {
        return embedded == null ? Optional.empty() : embedded.read(bucket, key);
    }

    public String description() {
        return embedded != null ? endpoint + " (embedded S3Proxy)" : endpoint + " (external, --s3-endpoint)";
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
        if (external != null) {
            external.close();
        }
    }
}
