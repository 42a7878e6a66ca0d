package dev.csvtest.local.s3;

import java.net.URI;
import java.util.Optional;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * The S3 the local stack's functions talk to: the {@link EmbeddedS3} by default, or an external endpoint
 * (LocalStack, MinIO, a real bucket) given with {@code --s3-endpoint} / {@code AWS_ENDPOINT_URL_S3}.
 */
public final class LocalS3 implements AutoCloseable {

    private final URI endpoint;
    private final EmbeddedS3 embedded;
    private final String region;

    private LocalS3(URI endpoint, EmbeddedS3 embedded, String region) {
        this.endpoint = endpoint;
        this.embedded = embedded;
        this.region = region;
    }

    public static LocalS3 start(Optional<URI> external, String region) {
        if (external.isPresent()) {
            return new LocalS3(external.get(), null, region);
        }
        var s3 = EmbeddedS3.start();
        return new LocalS3(s3.endpoint(), s3, region);
    }

    public URI endpoint() {
        return endpoint;
    }

    public boolean embedded() {
        return embedded != null;
    }

    /** Loopback endpoints need path-style addressing ({@code bucket.127.0.0.1} does not resolve). */
    public boolean needsPathStyle() {
        String host = endpoint.getHost();
        return embedded != null || host == null || host.equals("127.0.0.1") || host.equals("localhost")
                || host.equals("::1") || host.endsWith(".localhost") || host.equals("localstack");
    }

    public void createBucket(String bucket) {
        if (embedded != null) {
            embedded.createBucket(bucket);
            return;
        }
        try (var client = client()) {
            client.createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // fine
        }
    }

    public void put(String bucket, String key, byte[] content, String contentType) {
        if (embedded != null) {
            embedded.put(bucket, key, content, contentType);
            return;
        }
        createBucket(bucket);
        try (var client = client()) {
            client.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
        }
    }

    private S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(needsPathStyle())
                .region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
