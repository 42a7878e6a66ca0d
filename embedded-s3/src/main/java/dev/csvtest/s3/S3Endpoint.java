package dev.csvtest.s3;

import java.net.URI;

/**
 * An S3 reached over HTTP on a local endpoint, in which buckets and objects can be set up: the {@link EmbeddedS3}
 * server, or an {@link ExternalS3} running outside the JVM (LocalStack, MinIO, moto).
 */
public interface S3Endpoint extends AutoCloseable {

    /** The endpoint to give the SDK ({@code AWS_ENDPOINT_URL_S3}); use it with path-style addressing. */
    URI endpoint();

    /** The endpoint's port (where a proxy in front of it forwards to). */
    default int port() {
        return endpoint().getPort();
    }

    /** Creates the bucket if it does not exist yet. */
    S3Endpoint createBucket(String bucket);

    /** Creates the bucket if needed and puts (or replaces) one object. */
    S3Endpoint put(String bucket, String key, byte[] content, String contentType);

    /** Removes one object, if present. */
    S3Endpoint delete(String bucket, String key);

    /** Which S3 this is, for logs and test output. */
    String description();

    /** Stops the embedded server; for an external S3, closes only the client (whoever started it stops it). */
    @Override
    void close();
}
