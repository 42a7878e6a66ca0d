package dev.csvtest.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.csvtest.function.config.InvalidConfigurationException;

class FunctionConfigTest {

    /** The variables the function needs, plus (and overridden by) {@code more}: names and values in turn. */
    private static Map<String, String> minimal(String... more) {
        var env = new HashMap<String, String>();
        env.put("CSV_BUCKET", "bucket");
        env.put("AWS_REGION", "eu-west-1");
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    @Test
    void minimalEnvironment_givesDocumentedDefaults() {
        var config = FunctionConfig.fromEnvironment(minimal());

        assertThat(config.bucket()).isEqualTo("bucket");
        assertThat(config.key()).isEqualTo("sample.csv");
        assertThat(config.maxDelay()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.cacheRevalidateInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.cacheMaxBytes()).isEqualTo(5_242_880L);
        assertThat(config.largeObjectRedirectUrl()).isEmpty();
        assertThat(config.s3().forcePathStyle()).isFalse();
        assertThat(config.s3().region()).isEqualTo("eu-west-1");
        assertThat(config.s3().endpointOverride()).isEmpty();
        assertThat(config.s3().staticCredentials()).isEmpty();
    }

    @Test
    void everyVariableSet_isRead() {
        var env = minimal("CSV_KEY", "data/a.csv", "MAX_DELAY_SECONDS", "29", "CACHE_REVALIDATE_SECONDS", "0",
                "CACHE_MAX_BYTES", "0", "LARGE_OBJECT_REDIRECT_URL", "https://d111111abcdef8.cloudfront.net/sample.csv",
                "S3_FORCE_PATH_STYLE", "TRUE", "AWS_ENDPOINT_URL", "http://127.0.0.1:9000",
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token");

        var config = FunctionConfig.fromEnvironment(env);

        assertThat(config.key()).isEqualTo("data/a.csv");
        assertThat(config.maxDelay()).isEqualTo(Duration.ofSeconds(29));
        assertThat(config.cacheRevalidateInterval()).isZero();
        assertThat(config.cacheMaxBytes()).isZero();
        assertThat(config.largeObjectRedirectUrl()).contains(URI.create("https://d111111abcdef8.cloudfront.net/sample.csv"));
        assertThat(config.s3().forcePathStyle()).isTrue();
        assertThat(config.s3().endpointOverride()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(config.s3().staticCredentials()).hasValueSatisfying(keys -> {
            assertThat(keys.accessKeyId()).isEqualTo("AKIDEXAMPLE");
            assertThat(keys.sessionToken()).contains("token");
        });
    }

    @Test
    void s3SpecificEndpoint_winsOverGeneralOne() {
        var env = minimal("AWS_ENDPOINT_URL", "http://127.0.0.1:1", "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:2");

        assertThat(FunctionConfig.fromEnvironment(env).s3().endpointOverride()).contains(URI.create("http://127.0.0.1:2"));
    }

    @Test
    void blankOptionalValues_countAsUnset() {
        var env = minimal("LARGE_OBJECT_REDIRECT_URL", "", "CSV_KEY", "  ", "AWS_ENDPOINT_URL_S3", "");

        var config = FunctionConfig.fromEnvironment(env);

        assertThat(config.largeObjectRedirectUrl()).isEqualTo(Optional.empty());
        assertThat(config.key()).isEqualTo("sample.csv");
        assertThat(config.s3().endpointOverride()).isEmpty();
    }

    @Test
    void toString_neverShowsTheSecret() {
        var env = minimal("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI",
                "AWS_SESSION_TOKEN", "IQoJb3JpZ2lu");

        assertThat(FunctionConfig.fromEnvironment(env).toString())
                .contains("AKIDEXAMPLE").doesNotContain("wJalrXUtnFEMI").doesNotContain("IQoJb3JpZ2lu");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', nullValues = "<unset>", value = {
            "CSV_BUCKET                | <unset>",
            "CSV_BUCKET                | '   '",
            "AWS_REGION                | <unset>",
            "AWS_REGION                | Europe",
            "MAX_DELAY_SECONDS         | abc",
            "MAX_DELAY_SECONDS         | -1",
            "MAX_DELAY_SECONDS         | 30",
            "MAX_DELAY_SECONDS         | 1.5",
            "MAX_DELAY_SECONDS         | 99999999999999999999999",
            "CACHE_REVALIDATE_SECONDS  | -5",
            "CACHE_REVALIDATE_SECONDS  | 86401",
            "CACHE_REVALIDATE_SECONDS  | 1m",
            "CACHE_MAX_BYTES           | x",
            "CACHE_MAX_BYTES           | 6291457",
            "LARGE_OBJECT_REDIRECT_URL | not a url",
            "LARGE_OBJECT_REDIRECT_URL | ftp://example.com/a.csv",
            "LARGE_OBJECT_REDIRECT_URL | /relative/path.csv",
            "S3_FORCE_PATH_STYLE       | yes",
            "AWS_ENDPOINT_URL_S3       | localhost:9000",
            "AWS_ENDPOINT_URL          | ://",
            "AWS_SECRET_ACCESS_KEY     | only-the-secret",
    })
    void badValue_failsNamingTheVariable(String variable, String value) {
        var env = minimal();
        env.put(variable, value);
        if (value == null) {
            env.remove(variable);
        }
        var expectedName = variable.equals("AWS_SECRET_ACCESS_KEY") ? "AWS_ACCESS_KEY_ID" : variable;

        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(env))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.variable()).isEqualTo(expectedName))
                .hasMessageStartingWith(expectedName + " ");
    }

    @Test
    void accessKeyWithoutSecret_failsNamingTheSecret() {
        var env = minimal("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");

        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(env)).hasMessageStartingWith("AWS_SECRET_ACCESS_KEY ");
    }

    @Test
    void handlerConstructor_failsInitNamingTheVariable() {
        var env = minimal("MAX_DELAY_SECONDS", "forever");

        assertThatThrownBy(() -> new CsvTestHandler(env))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("MAX_DELAY_SECONDS");
    }
}
