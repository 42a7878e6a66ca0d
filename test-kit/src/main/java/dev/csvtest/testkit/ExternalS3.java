package dev.csvtest.testkit;

import java.net.URI;
import java.util.Objects;

import dev.csvtest.s3.S3Clients;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * An S3-protocol server running outside the test JVM (LocalStack, moto), set up through the AWS SDK with fake keys.
 *
 * <p>It must listen on 127.0.0.1, since {@link FaultyS3Proxy} forwards to a loopback port. It is not stopped by
 * {@link #close()}, which only closes the client; whoever started it stops it (see {@code .ci/lib/second-s3.sh}).
 */
public record ExternalS3(URI endpoint, S3Client client) implements S3Backend {

    public static ExternalS3 connect(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!"127.0.0.1".equals(endpoint.getHost()) || endpoint.getPort() <= 0) {
            throw new IllegalArgumentException(ENDPOINT_PROPERTY + " must be http://127.0.0.1:<port>, got " + endpoint);
        }
        return new ExternalS3(endpoint, S3Clients.forEndpoint(endpoint, Region.US_EAST_1, S3Clients.fakeKeys("test")));
    }

    @Override
    public int port() {
        return endpoint.getPort();
    }

    @Override
    public ExternalS3 createBucket(String bucket) {
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            try {
                client.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException raced) {
                // created in the meantime: fine
            }
        }
        return this;
    }

    @Override
    public ExternalS3 put(String bucket, String key, byte[] content, String contentType) {
        createBucket(bucket);
        client.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
        return this;
    }

    @Override
    public ExternalS3 delete(String bucket, String key) {
        client.deleteObject(b -> b.bucket(bucket).key(key));
        return this;
    }

    @Override
    public String description() {
        return "external S3 at " + endpoint;
    }

    @Override
    public void close() {
        client.close();
    }
}
