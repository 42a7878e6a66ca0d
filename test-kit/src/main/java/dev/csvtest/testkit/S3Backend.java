package dev.csvtest.testkit;

import java.net.URI;

/**
 * The S3-protocol server a test talks to: the embedded one ({@link dev.csvtest.s3.EmbeddedS3}) by default, or an
 * external one (LocalStack, moto, MinIO) when the system property {@value #ENDPOINT_PROPERTY} names its endpoint, e.g.
 * {@code ./mvnw test -Dgroups=s3-integration -Dcsvtest.s3.endpoint=http://127.0.0.1:4566}.
 *
 * <p>Tests create their buckets and objects through this interface, so the same test runs unchanged against either
 * implementation; that is how the handler's S3 integration tests are checked against a second, independent S3.
 */
public interface S3Backend extends AutoCloseable {

    String ENDPOINT_PROPERTY = "csvtest.s3.endpoint";

    /** The embedded server, or the external one named by {@value #ENDPOINT_PROPERTY}. */
    static S3Backend start() {
        var external = System.getProperty(ENDPOINT_PROPERTY, "").strip();
        return external.isEmpty() ? EmbeddedBackend.start() : ExternalS3.connect(URI.create(external));
    }

    /** The endpoint to give the SDK ({@code AWS_ENDPOINT_URL_S3}); use it with path-style addressing. */
    URI endpoint();

    /** The loopback port (where a {@link FaultyS3Proxy} forwards to). */
    int port();

    /** Creates the bucket if it does not exist yet. */
    S3Backend createBucket(String bucket);

    /** Creates the bucket if needed and puts (or replaces) one object. */
    S3Backend put(String bucket, String key, byte[] content, String contentType);

    /** Removes one object, if present. */
    S3Backend delete(String bucket, String key);

    /** Which implementation this is, for test output. */
    String description();

    @Override
    void close();
}
