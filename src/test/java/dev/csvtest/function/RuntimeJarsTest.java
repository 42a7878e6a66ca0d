package dev.csvtest.function;

import static dev.csvtest.function.Fixtures.BUCKET;
import static dev.csvtest.function.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;


import dev.csvtest.testkit.ProxiedS3;

/**
 * The function as the Lambda runtime loads it: a fresh JVM with exactly the zip's classpath ({@code target/classes}
 * plus {@code target/lib/*.jar}, which {@code process-classes} fills with the runtime jars) and the process
 * environment as its configuration ({@link FreshJvmInvoke}). Catches what the shared test classpath hides: a logging
 * API without a backend, a class missing from the zip, credentials that only the test JVM had; and the zip's size.
 */
class RuntimeJarsTest {

    @RegisterExtension
    static final ProxiedS3 s3 = ProxiedS3.holding(BUCKET, KEY, Fixtures.sampleCsv(), "text/csv");

    @TempDir
    static Path scratch;

    @Test
    void coldStart_withTheZipsJarsOnly_servesTheCsv_andPrintsNoSlf4jWarning() {
        var run = invoke(Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.value("status")).as(run.toString()).hasValue("200");
        // slf4j-api without a backend prints "SLF4J(W): No SLF4J providers were found." (and two more lines).
        assertThat(run.stderr() + run.stdout()).as(run.toString()).doesNotContain("SLF4J");
        assertThat(run.stderr()).as("nothing on stderr at all: " + run).isBlank();
    }

    @Test
    void noCredentialsAnywhere_is500CredentialsUnavailable_namingTheFixInTheLog_withoutCallingS3() {
        s3.proxy().clearRequests();

        // No keys in the environment; and for the SDK's default chain: no profile files, no container credentials
        // endpoint, and no instance metadata lookup (it would go to a link-local address off this machine).
        var run = invoke(Map.of("AWS_CONFIG_FILE", scratch.resolve("no-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", scratch.resolve("no-credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.value("status")).as(run.toString()).hasValue("500");
        assertThat(run.value("body")).as(run.toString()).hasValueSatisfying(
                body -> assertThat(body).contains("\"type\":\"urn:csv-test:problem:credentials-unavailable\""));
        assertThat(run.logLines()).as(run.toString()).singleElement().satisfies(line -> {
            var entry = Fixtures.json(line);
            assertThat(entry.get("status").asNumber()).isEqualTo("500");
            assertThat(entry.get("level").asString()).isEqualTo("ERROR");
            assertThat(entry.get("problem").asString()).isEqualTo("credentials-unavailable");
            assertThat(entry.get("cause").asString()).contains("no AWS credentials", "AWS_ACCESS_KEY_ID");
            assertThat(entry.get("cache").asString()).isEqualTo("miss");
            assertThat(entry).as("no S3 call was sent").doesNotContainKeys("s3Status", "S3Latency");
        });
        assertThat(s3.proxy().requestCount()).isZero();
    }

    @Test
    void zip_staysWithinItsBudget() {
        assertThat(new LambdaZip(FreshJvm.thisBuild()).bytes()).isLessThanOrEqualTo(LambdaZip.BUDGET_BYTES);
    }

    /** One {@code delay=0} request in a fresh JVM, with the S3 variables, {@code HOME} and {@code extra} only. */
    private static FreshJvm.Run invoke(Map<String, String> extra) {
        var environment = new HashMap<>(Map.of("HOME", scratch.toString(), "CSV_BUCKET", BUCKET, "CSV_KEY", KEY,
                "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_S3", s3.proxy().endpoint().toString(), "S3_FORCE_PATH_STYLE", "true"));
        environment.putAll(extra);
        return new FreshJvm(FreshJvm.thisBuild(), scratch).invoke(environment);
    }
}
