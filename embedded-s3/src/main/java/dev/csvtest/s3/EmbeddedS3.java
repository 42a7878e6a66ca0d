package dev.csvtest.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A real S3-protocol server (S3Proxy over an in-memory, versioning-capable blob store) on 127.0.0.1: the local
 * stack's S3 for a template's buckets, and the S3 the tests run against.
 *
 * <p>It speaks the S3 REST protocol over HTTP, so the code that uses it talks to it through its own SDK and HTTP
 * client: nothing in the request path is mocked. Authentication is off: the SDK still signs its requests, and the
 * server accepts any signature.
 */
public final class EmbeddedS3 implements S3Endpoint {

    private final S3Proxy proxy;
    private final BlobStore store;

    private EmbeddedS3(S3Proxy proxy, BlobStore store) {
        this.proxy = proxy;
        this.store = store;
    }

    /** Starts a server on a free loopback port. */
    public static EmbeddedS3 start() {
        return start(0);
    }

    /** Starts a server on the given loopback port ({@code 0} picks a free one). */
    public static EmbeddedS3 start(int port) {
        var store = new TransientNio2BlobStore();
        var proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            // start() returns before Jetty has bound its connector.
            while (!proxy.getState().equals("STARTED")) {
                Thread.sleep(2);
            }
        } catch (Exception e) {
            throw new IllegalStateException("embedded S3 failed to start on 127.0.0.1:" + port, e);
        }
        return new EmbeddedS3(proxy, store);
    }

    @Override
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** An SDK client for this server (any keys do); the caller closes it. */
    public S3Client client() {
        return S3Clients.forEndpoint(endpoint(), Region.US_EAST_1, S3Clients.fakeKeys("local"));
    }

    @Override
    public EmbeddedS3 createBucket(String bucket) {
        Objects.requireNonNull(bucket, "bucket");
        if (!store.containerExists(bucket)) {
            store.createContainer(bucket);
        }
        return this;
    }

    @Override
    public EmbeddedS3 put(String bucket, String key, byte[] content, String contentType) {
        createBucket(bucket);
        var request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentType(contentType)
                .contentLength((long) content.length)
                .build();
        store.putBlob(request, new ByteArrayInputStream(content));
        return this;
    }

    @Override
    public EmbeddedS3 delete(String bucket, String key) {
        store.removeBlob(bucket, key);
        return this;
    }

    /** An object's bytes and content type, if it exists. */
    public Optional<StoredObject> read(String bucket, String key) {
        if (!store.containerExists(bucket) || !store.blobExists(bucket, key)) {
            return Optional.empty();
        }
        try (var in = store.getBlob(bucket, key)) {
            return Optional.of(new StoredObject(in.readAllBytes(), in.response().contentType()));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();   // deleted between the check and the read
        }
    }

    /** One object as stored. */
    public record StoredObject(byte[] bytes, String contentType) {
    }

    @Override
    public String description() {
        return "embedded S3Proxy at " + endpoint();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("embedded S3 failed to stop", e);
        }
    }
}
