package dev.csvtest.s3;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * An S3-protocol server running outside this JVM (LocalStack, MinIO, moto), set up through the AWS SDK. It is not
 * stopped by {@link #close()}, which closes only the client: whoever started the server stops it.
 */
public record ExternalS3(URI endpoint, S3Client client) implements S3Endpoint {

    public static ExternalS3 connect(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        return new ExternalS3(endpoint, S3Clients.forEndpoint(endpoint, region, credentials));
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
