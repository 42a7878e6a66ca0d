package dev.csvtest.function.s3.client;

import java.util.Objects;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds an S3 client: the one code path for both functions in the zip (the CSV handler and the seeder), which differ
 * only in their {@link S3Timeouts}.
 *
 * <p>Synchronous {@link S3Client} on the JDK's {@code HttpURLConnection} ({@link UrlConnectionHttpClient}): of the
 * clients we measured it has the smallest runtime jar set and the fastest cold init (docs/client-choice.md). The
 * handler gets its concurrency from a virtual thread instead of an async client.
 *
 * <p>The retry mode is set to {@code STANDARD} rather than left to {@code AWS_RETRY_MODE} or a profile file: the
 * time budgets (docs/latency.md) are sized for its three attempts and its backoff.
 */
public final class S3ClientFactory {

    private S3ClientFactory() {
    }

    public static S3Client create(S3Settings settings, S3Timeouts timeouts) {
        Objects.requireNonNull(timeouts, "timeouts");
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(timeouts.connect())
                        .socketTimeout(timeouts.socket())
                        .build())
                .overrideConfiguration(o -> o
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallAttemptTimeout(timeouts.attempt())
                        .apiCallTimeout(timeouts.call()))
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.forcePathStyle())
                .credentialsProvider(credentials(settings));
        settings.endpointOverride().ifPresent(builder::endpointOverride);
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
    static AwsCredentialsProvider credentials(S3Settings settings) {
        return settings.staticCredentials()
                .<AwsCredentialsProvider>map(keys -> StaticCredentialsProvider.create(keys.sessionToken()
                        .<AwsCredentials>map(token -> AwsSessionCredentials.create(keys.accessKeyId(), keys.secretAccessKey(), token))
                        .orElseGet(() -> AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey()))))
                .orElseGet(() -> new TellsMissingCredentials(DefaultCredentialsProvider.builder().build()));
    }

    /** The default chain, whose failure is raised as a {@link CredentialsUnavailableException}. */
    private record TellsMissingCredentials(AwsCredentialsProvider chain) implements AwsCredentialsProvider {
        @Override
        public AwsCredentials resolveCredentials() {
            try {
                return chain.resolveCredentials();
            } catch (SdkClientException e) {
                throw CredentialsUnavailableException.wrapping(e);
            }
        }
    }
}
