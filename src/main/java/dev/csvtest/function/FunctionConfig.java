package dev.csvtest.function;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The function's configuration: every environment variable it reads, parsed once and validated at init.
 *
 * <p>Built only by {@link #fromEnvironment(Map)}; a missing or bad value throws
 * {@link InvalidConfigurationException} naming the variable. A blank value counts as unset, because SAM templates
 * commonly pass {@code ""} for an optional parameter.
 *
 * @param bucket                  {@code CSV_BUCKET}: the bucket holding the CSV
 * @param key                     {@code CSV_KEY}: the object key
 * @param maxDelay                {@code MAX_DELAY_SECONDS}: the largest accepted {@code delay}
 * @param cacheRevalidateInterval {@code CACHE_REVALIDATE_SECONDS}: minimum time between conditional GETs
 * @param cacheMaxBytes           {@code CACHE_MAX_BYTES}: larger objects are not kept in the cache
 * @param largeObjectRedirectUrl  {@code LARGE_OBJECT_REDIRECT_URL}: where objects over Lambda's 6 MB limit are sent
 * @param forcePathStyle          {@code S3_FORCE_PATH_STYLE}: path-style addressing, for local S3 servers; on by
 *                                itself for an endpoint on an IP address or {@code localhost}
 * @param region                  {@code AWS_REGION}
 * @param endpointOverride        {@code AWS_ENDPOINT_URL_S3}, else {@code AWS_ENDPOINT_URL}
 * @param staticCredentials       {@code AWS_ACCESS_KEY_ID} + {@code AWS_SECRET_ACCESS_KEY} (+ {@code AWS_SESSION_TOKEN})
 */
public record FunctionConfig(
        String bucket,
        String key,
        Duration maxDelay,
        Duration cacheRevalidateInterval,
        long cacheMaxBytes,
        Optional<URI> largeObjectRedirectUrl,
        boolean forcePathStyle,
        String region,
        Optional<URI> endpointOverride,
        Optional<StaticCredentials> staticCredentials) {

    /**
     * HTTP API's integration timeout is a hard 30 s, and the function needs a moment after the sleep to answer,
     * so a configured maximum delay of 30 s or more could never be served.
     */
    static final int MAX_DELAY_LIMIT_SECONDS = 29;
    /** A day: a longer interval would mean a changed object is practically never noticed. */
    static final int CACHE_REVALIDATE_LIMIT_SECONDS = 86_400;
    /** Lambda's 6 MB response limit: caching an object that can never be returned would only waste memory. */
    static final long CACHE_MAX_BYTES_LIMIT = 6L * 1024 * 1024;

    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

    public FunctionConfig {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(cacheRevalidateInterval, "cacheRevalidateInterval");
        Objects.requireNonNull(largeObjectRedirectUrl, "largeObjectRedirectUrl");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpointOverride, "endpointOverride");
        Objects.requireNonNull(staticCredentials, "staticCredentials");
    }

    /** Reads and validates the function's environment; the handler never reads the environment anywhere else. */
    public static FunctionConfig fromEnvironment(Map<String, String> environment) {
        var env = new Reader(Objects.requireNonNull(environment, "environment"));
        var endpoint = env.httpUrl("AWS_ENDPOINT_URL_S3").or(() -> env.httpUrl("AWS_ENDPOINT_URL"));
        return new FunctionConfig(
                env.required("CSV_BUCKET"),
                env.optional("CSV_KEY").orElse("sample.csv"),
                Duration.ofSeconds(env.integer("MAX_DELAY_SECONDS", 20, 0, MAX_DELAY_LIMIT_SECONDS)),
                Duration.ofSeconds(env.integer("CACHE_REVALIDATE_SECONDS", 60, 0, CACHE_REVALIDATE_LIMIT_SECONDS)),
                env.integer("CACHE_MAX_BYTES", 5L * 1024 * 1024, 0, CACHE_MAX_BYTES_LIMIT),
                env.httpUrl("LARGE_OBJECT_REDIRECT_URL"),
                env.bool("S3_FORCE_PATH_STYLE") || endpoint.filter(FunctionConfig::needsPathStyle).isPresent(),
                env.region("AWS_REGION"),
                endpoint,
                env.credentials());
    }

    /**
     * Virtual-hosted addressing puts the bucket into the host name ({@code bucket.127.0.0.1}), which cannot resolve for
     * an IP address or {@code localhost}: a local S3 server on such an endpoint needs path-style addressing.
     */
    public static boolean needsPathStyle(URI endpoint) {
        String host = endpoint.getHost();
        return host != null && (host.equals("localhost") || host.startsWith("[") || host.matches("[0-9.]+"));
    }

    /**
     * Keys taken from the function's own environment map.
     *
     * <p>{@code toString} hides the secret and the token, so a logged config never leaks them.
     */
    public record StaticCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
        public StaticCredentials {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            Objects.requireNonNull(sessionToken, "sessionToken");
        }

        @Override
        public String toString() {
            return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***, sessionToken="
                    + (sessionToken.isPresent() ? "***" : "none") + "]";
        }
    }

    /** Parsing helpers; each failure names its variable. */
    private record Reader(Map<String, String> env) {

        Optional<String> optional(String name) {
            return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
        }

        String required(String name) {
            return optional(name).orElseThrow(() -> new InvalidConfigurationException(name, "is required but not set"));
        }

        long integer(String name, long defaultValue, long min, long max) {
            var raw = optional(name);
            if (raw.isEmpty()) {
                return defaultValue;
            }
            var text = raw.get();
            if (!DIGITS.matcher(text).matches()) {
                throw new InvalidConfigurationException(name,
                        "must be a whole number between " + min + " and " + max + ", got '" + shorten(text) + "'");
            }
            long value;
            try {
                value = Long.parseLong(text);
            } catch (NumberFormatException e) {
                value = Long.MAX_VALUE;
            }
            if (value < min || value > max) {
                throw new InvalidConfigurationException(name,
                        "must be between " + min + " and " + max + ", got " + shorten(text));
            }
            return value;
        }

        int integer(String name, int defaultValue, int min, int max) {
            return (int) integer(name, (long) defaultValue, min, (long) max);
        }

        boolean bool(String name) {
            var raw = optional(name);
            if (raw.isEmpty()) {
                return false;
            }
            return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new InvalidConfigurationException(name,
                        "must be 'true' or 'false', got '" + shorten(raw.get()) + "'");
            };
        }

        Optional<URI> httpUrl(String name) {
            return optional(name).map(text -> {
                try {
                    var uri = new URI(text);
                    var scheme = uri.getScheme();
                    if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                            || uri.getHost() == null) {
                        throw new InvalidConfigurationException(name,
                                "must be an absolute http(s) URL, got '" + shorten(text) + "'");
                    }
                    return uri;
                } catch (URISyntaxException e) {
                    throw new InvalidConfigurationException(name, "is not a valid URL: '" + shorten(text) + "'");
                }
            });
        }

        String region(String name) {
            var region = required(name);
            if (!REGION.matcher(region).matches()) {
                throw new InvalidConfigurationException(name,
                        "must be an AWS Region name such as eu-west-1, got '" + shorten(region) + "'");
            }
            return region;
        }

        Optional<StaticCredentials> credentials() {
            var id = optional("AWS_ACCESS_KEY_ID");
            var secret = optional("AWS_SECRET_ACCESS_KEY");
            if (id.isEmpty() && secret.isEmpty()) {
                // Lambda with SnapStart provides container credentials instead; the SDK's default chain finds them.
                return Optional.empty();
            }
            if (id.isEmpty()) {
                throw new InvalidConfigurationException("AWS_ACCESS_KEY_ID", "is required when AWS_SECRET_ACCESS_KEY is set");
            }
            if (secret.isEmpty()) {
                throw new InvalidConfigurationException("AWS_SECRET_ACCESS_KEY", "is required when AWS_ACCESS_KEY_ID is set");
            }
            return Optional.of(new StaticCredentials(id.get(), secret.get(), optional("AWS_SESSION_TOKEN")));
        }

        /** Echoes at most 40 characters of a bad value, without line breaks, into the init error. */
        private static String shorten(String value) {
            var flat = value.replaceAll("[\\r\\n]", " ");
            return flat.length() <= 40 ? flat : flat.substring(0, 40) + "…";
        }
    }
}
