package dev.csvtest.function;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.csvtest.function.config.EnvironmentReader;
import dev.csvtest.function.config.InvalidConfigurationException;
import dev.csvtest.function.s3.client.S3Settings;

/**
 * The function's configuration: every environment variable it reads, parsed once and validated at init.
 *
 * <p>Built only by {@link #fromEnvironment(Map)}; a missing or bad value throws
 * {@link InvalidConfigurationException} naming the variable. A blank value counts as unset, because SAM templates
 * commonly pass {@code ""} for an optional parameter. The S3 variables ({@code AWS_REGION}, the endpoint, path style
 * and keys) are read by {@link S3Settings}, which the seeder shares.
 *
 * @param bucket                  {@code CSV_BUCKET}: the bucket holding the CSV
 * @param key                     {@code CSV_KEY}: the object key
 * @param maxDelay                {@code MAX_DELAY_SECONDS}: the largest accepted {@code delay}
 * @param cacheRevalidateInterval {@code CACHE_REVALIDATE_SECONDS}: minimum time between conditional GETs
 * @param cacheMaxBytes           {@code CACHE_MAX_BYTES}: larger objects are not kept in the cache
 * @param largeObjectRedirectUrl  {@code LARGE_OBJECT_REDIRECT_URL}: where objects over Lambda's 6 MB limit are sent
 * @param s3                      where and as whom to reach S3
 */
public record FunctionConfig(
        String bucket,
        String key,
        Duration maxDelay,
        Duration cacheRevalidateInterval,
        long cacheMaxBytes,
        Optional<URI> largeObjectRedirectUrl,
        S3Settings s3) {

    /**
     * HTTP API's integration timeout is a hard 30 s, and the function needs a moment after the sleep to answer,
     * so a configured maximum delay of 30 s or more could never be served.
     */
    static final int MAX_DELAY_LIMIT_SECONDS = 29;
    /** A day: a longer interval would mean a changed object is practically never noticed. */
    static final int CACHE_REVALIDATE_LIMIT_SECONDS = 86_400;
    /** Lambda's 6 MB response limit: caching an object that can never be returned would only waste memory. */
    static final long CACHE_MAX_BYTES_LIMIT = 6L * 1024 * 1024;

    public FunctionConfig {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(cacheRevalidateInterval, "cacheRevalidateInterval");
        Objects.requireNonNull(largeObjectRedirectUrl, "largeObjectRedirectUrl");
        Objects.requireNonNull(s3, "s3");
    }

    /** Reads and validates the function's environment; the handler never reads the environment anywhere else. */
    public static FunctionConfig fromEnvironment(Map<String, String> environment) {
        var env = new EnvironmentReader(environment);
        return new FunctionConfig(
                env.required("CSV_BUCKET"),
                env.optional("CSV_KEY").orElse("sample.csv"),
                Duration.ofSeconds(env.integer("MAX_DELAY_SECONDS", 20, 0, MAX_DELAY_LIMIT_SECONDS)),
                Duration.ofSeconds(env.integer("CACHE_REVALIDATE_SECONDS", 60, 0, CACHE_REVALIDATE_LIMIT_SECONDS)),
                env.integer("CACHE_MAX_BYTES", 5L * 1024 * 1024, 0, CACHE_MAX_BYTES_LIMIT),
                env.httpUrl("LARGE_OBJECT_REDIRECT_URL"),
                S3Settings.fromEnvironment(environment));
    }
}
