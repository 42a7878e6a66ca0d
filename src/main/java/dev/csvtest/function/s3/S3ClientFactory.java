package dev.csvtest.function.s3;

import java.time.Duration;

import dev.csvtest.function.FunctionConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the one S3 client of an execution environment.
 *
 * <p>Synchronous {@link S3Client} on the JDK's {@code HttpURLConnection} ({@link UrlConnectionHttpClient}): of the
 * clients we measured it has the smallest runtime jar set and the fastest cold init (docs/client-choice.md). The
 * handler gets its concurrency from a virtual thread instead of an async client.
 *
 * <p>Region, endpoint and credentials come from the function's environment map, not from {@code System.getenv}:
 * the local stack runs many functions in one JVM, each with its own environment.
 */
public final class S3ClientFactory {

    /** Fail fast on a dead endpoint; a healthy S3 connects in milliseconds. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /**
     * Backstop only: every call carries its own {@code apiCallTimeout} derived from the invocation's remaining time,
     * which is always shorter than this.
     */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    private S3ClientFactory() {
    }

    public static S3Client create(FunctionConfig config) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT)
                        .build())
                .region(Region.of(config.region()))
                .forcePathStyle(config.forcePathStyle())
                .credentialsProvider(credentials(config));
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * Keys present in the environment map are used as they are: that is how the local stack and tests give each
     * function its own (fake) credentials. Otherwise the SDK's default chain runs. On Lambda with SnapStart that
     * matters: there the runtime provides no key variables but the container credentials endpoint
     * ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}), which the default chain reads and refreshes, so a snapshot
     * restored hours later still signs with current role credentials
     * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-activate.html#snapstart-credentials).
     */
    static AwsCredentialsProvider credentials(FunctionConfig config) {
        return config.staticCredentials()
                .<AwsCredentialsProvider>map(keys -> StaticCredentialsProvider.create(keys.sessionToken()
                        .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(token ->
                                AwsSessionCredentials.create(keys.accessKeyId(), keys.secretAccessKey(), token))
                        .orElseGet(() -> AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey()))))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }
}
