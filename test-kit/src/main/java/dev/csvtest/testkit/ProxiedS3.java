package dev.csvtest.testkit;

import java.util.function.Consumer;

import dev.csvtest.s3.S3Endpoint;

/**
 * The handler tests' fixture: an S3 server ({@link S3Backend#start()}) holding one object, and a {@link FaultyS3Proxy}
 * in front of it, which the code under test is pointed at. Registered with {@code @RegisterExtension}: on a static
 * field both live for the test class, on an instance field for each test.
 */
public final class ProxiedS3 extends ScopedFixture {

    private final Consumer<S3Endpoint> seed;
    private S3Endpoint backend;
    private FaultyS3Proxy proxy;

    private ProxiedS3(Consumer<S3Endpoint> seed) {
        this.seed = seed;
    }

    /** A fixture whose server holds {@code bucket/key} with this content when each test (or the class) starts. */
    public static ProxiedS3 holding(String bucket, String key, byte[] content, String contentType) {
        var bytes = content.clone();
        return new ProxiedS3(s3 -> s3.put(bucket, key, bytes, contentType));
    }

    /** The S3 server, for changing what it holds. */
    public S3Endpoint backend() {
        return backend;
    }

    /** The proxy in front of it: where the code under test sends its requests, and what counts and breaks them. */
    public FaultyS3Proxy proxy() {
        return proxy;
    }

    @Override
    protected void start() {
        backend = S3Backend.start();
        seed.accept(backend);
        proxy = FaultyS3Proxy.start(backend.port());
    }

    @Override
    protected void stop() {
        try (var s3 = backend) {
            proxy.close();
        }
    }
}
