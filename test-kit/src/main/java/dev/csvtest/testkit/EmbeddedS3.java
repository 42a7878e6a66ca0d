package dev.csvtest.testkit;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.Objects;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A real S3-protocol server (S3Proxy over an in-memory, versioning-capable blob store) on 127.0.0.1.
 *
 * <p>Used by the tests and by the local stack. It speaks the S3 REST protocol over HTTP, so the code under
 * test talks to it through the real AWS SDK and HTTP client: nothing in the request path is mocked.
 * Authentication is off: the SDK still signs its requests, and the server accepts any signature.
 */
public final class EmbeddedS3 implements S3Backend {

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

    /** The endpoint to give the SDK ({@code AWS_ENDPOINT_URL_S3}); use it with path-style addressing. */
    @Override
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public int port() {
        return proxy.getPort();
    }

    /** Creates the bucket if it does not exist yet. */
    @Override
    public EmbeddedS3 createBucket(String bucket) {
        Objects.requireNonNull(bucket, "bucket");
        if (!store.containerExists(bucket)) {
            store.createContainer(bucket);
        }
        return this;
    }

    /** Creates the bucket if needed and puts (or replaces) one object. */
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

    /** Removes one object, if present. */
    @Override
    public EmbeddedS3 delete(String bucket, String key) {
        store.removeBlob(bucket, key);
        return this;
    }

    @Override
    public String description() {
        return "embedded S3Proxy at " + endpoint();
    }

    /** The underlying blob store, for tests that need to inspect what the server holds. */
    public BlobStore blobStore() {
        return store;
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
