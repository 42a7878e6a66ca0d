package dev.csvtest.testkit;

import java.net.URI;

import dev.csvtest.s3.EmbeddedS3;
import dev.csvtest.s3.ExternalS3;
import dev.csvtest.s3.S3Clients;
import dev.csvtest.s3.S3Endpoint;
import software.amazon.awssdk.regions.Region;

/**
 * The S3-protocol server a test talks to: the embedded one by default, or an external one (LocalStack, moto, MinIO)
 * when the system property {@value #ENDPOINT_PROPERTY} names its endpoint, e.g.
 * {@code ./mvnw test -Dgroups=s3-integration -Dcsvtest.s3.endpoint=http://127.0.0.1:4566}.
 *
 * <p>Tests create their buckets and objects through {@link S3Endpoint}, so the same test runs unchanged against
 * either; that is how the handler's S3 integration tests are checked against a second, independent S3 (started and
 * stopped by {@code .ci/lib/second-s3.sh}).
 */
public final class S3Backend {

    public static final String ENDPOINT_PROPERTY = "csvtest.s3.endpoint";

    private S3Backend() {
    }

    /**
     * The embedded server, or the external one named by {@value #ENDPOINT_PROPERTY}, with fake keys. That one must
     * listen on 127.0.0.1, since {@link FaultyS3Proxy} forwards to a loopback port.
     */
    public static S3Endpoint start() {
        var external = System.getProperty(ENDPOINT_PROPERTY, "").strip();
        if (external.isEmpty()) {
            return EmbeddedS3.start();
        }
        var endpoint = URI.create(external);
        if (!"127.0.0.1".equals(endpoint.getHost()) || endpoint.getPort() <= 0) {
            throw new IllegalArgumentException(ENDPOINT_PROPERTY + " must be http://127.0.0.1:<port>, got " + endpoint);
        }
        return ExternalS3.connect(endpoint, Region.US_EAST_1, S3Clients.fakeKeys("test"));
    }
}
