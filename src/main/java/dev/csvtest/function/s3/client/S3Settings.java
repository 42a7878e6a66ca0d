package dev.csvtest.function.s3.client;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.csvtest.function.config.EnvironmentReader;
import dev.csvtest.function.config.InvalidConfigurationException;

/**
 * Where and as whom to reach S3: the environment variables both functions in the zip (the CSV handler and the seeder)
 * read for their S3 client, validated once, in one place.
 *
 * @param region            {@code AWS_REGION}
 * @param endpointOverride  {@code S3_ENDPOINT_URL}, else the SDK's own {@code AWS_ENDPOINT_URL_S3}, else
 *                          {@code AWS_ENDPOINT_URL}. The template declares {@code S3_ENDPOINT_URL} empty so that
 *                          {@code sam local}'s {@code --env-vars} can set it (SAM passes only declared variables); an
 *                          empty {@code AWS_ENDPOINT_URL_S3} could not be declared instead, because the SDK reads that
 *                          variable itself and an empty value breaks its client.
 * @param forcePathStyle    {@code S3_FORCE_PATH_STYLE}: path-style addressing, for local S3 servers; on by itself for
 *                          an endpoint on an IP address or {@code localhost}
 * @param staticCredentials {@code AWS_ACCESS_KEY_ID} + {@code AWS_SECRET_ACCESS_KEY} (+ {@code AWS_SESSION_TOKEN})
 */
public record S3Settings(String region, Optional<URI> endpointOverride, boolean forcePathStyle,
        Optional<StaticCredentials> staticCredentials) {

    public S3Settings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpointOverride, "endpointOverride");
        Objects.requireNonNull(staticCredentials, "staticCredentials");
    }

    /** Reads and validates the S3 variables; a bad one throws {@link InvalidConfigurationException} naming it. */
    public static S3Settings fromEnvironment(Map<String, String> environment) {
        var env = new EnvironmentReader(environment);
        var endpoint = env.httpUrl("S3_ENDPOINT_URL")
                .or(() -> env.httpUrl("AWS_ENDPOINT_URL_S3"))
                .or(() -> env.httpUrl("AWS_ENDPOINT_URL"));
        return new S3Settings(
                env.region("AWS_REGION"),
                endpoint,
                env.bool("S3_FORCE_PATH_STYLE") || endpoint.filter(S3Settings::needsPathStyle).isPresent(),
                credentials(env));
    }

    /**
     * Virtual-hosted addressing puts the bucket into the host name ({@code bucket.127.0.0.1}), which cannot resolve for
     * an IP address or {@code localhost}: a local S3 server on such an endpoint needs path-style addressing.
     */
    static boolean needsPathStyle(URI endpoint) {
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

    private static Optional<StaticCredentials> credentials(EnvironmentReader env) {
        var id = env.optional("AWS_ACCESS_KEY_ID");
        var secret = env.optional("AWS_SECRET_ACCESS_KEY");
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
        return Optional.of(new StaticCredentials(id.get(), secret.get(), env.optional("AWS_SESSION_TOKEN")));
    }
}
