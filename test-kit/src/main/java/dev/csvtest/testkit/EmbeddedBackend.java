package dev.csvtest.testkit;

import java.net.URI;

import dev.csvtest.s3.EmbeddedS3;

/** The embedded S3 server as the backend of a test: started by {@link S3Backend#start()}, stopped by {@link #close()}. */
record EmbeddedBackend(EmbeddedS3 server) implements S3Backend {

    static EmbeddedBackend start() {
        return new EmbeddedBackend(EmbeddedS3.start());
    }

    @Override
    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public EmbeddedBackend createBucket(String bucket) {
        server.createBucket(bucket);
        return this;
    }

    @Override
    public EmbeddedBackend put(String bucket, String key, byte[] content, String contentType) {
        server.put(bucket, key, content, contentType);
        return this;
    }

    @Override
    public EmbeddedBackend delete(String bucket, String key) {
        server.delete(bucket, key);
        return this;
    }

    @Override
    public String description() {
        return "embedded S3Proxy at " + endpoint();
    }

    @Override
    public void close() {
        server.close();
    }
}
