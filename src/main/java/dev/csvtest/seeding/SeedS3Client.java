package dev.csvtest.seeding;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

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
 * Builds the seeder's S3 client from the function's environment, passed in as a map (like the handler's config).
 *
 * <p>Variables: {@code AWS_REGION} (required; Lambda sets it), {@code AWS_ENDPOINT_URL_S3} or
 * {@code AWS_ENDPOINT_URL} (local S3 servers), {@code S3_FORCE_PATH_STYLE}, and the credentials Lambda puts in
 * the environment ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}); without
 * them the SDK's default chain applies. Every call is bounded, so the handler always gets to answer
 * CloudFormation before the function's own timeout.
 */
final class SeedS3Client {

    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(20);
    static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(8);

    private SeedS3Client() {
    }

    static S3Client fromEnvironment(Map<String, String> environment) {
        var region = environment.get("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set");
        }
        var endpoint = firstNonBlank(environment.get("AWS_ENDPOINT_URL_S3"), environment.get("AWS_ENDPOINT_URL"));
        var builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials(environment))
                .forcePathStyle(Boolean.parseBoolean(environment.getOrDefault("S3_FORCE_PATH_STYLE", "false"))
                        || endpoint != null && FunctionConfig.needsPathStyle(URI.create(endpoint)))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(3))
                        .socketTimeout(Duration.ofSeconds(8))
                        .build())
                .overrideConfiguration(o -> o
                        .apiCallTimeout(API_CALL_TIMEOUT)
                        .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(Map<String, String> environment) {
        var keyId = environment.get("AWS_ACCESS_KEY_ID");
        var secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (keyId == null || secret == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        var token = environment.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(token == null
                ? AwsBasicCredentials.create(keyId, secret)
                : AwsSessionCredentials.create(keyId, secret, token));
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second == null || second.isBlank() ? null : second;
    }
}
