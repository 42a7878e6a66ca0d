package dev.csvtest.local.s3;

import java.net.URI;
import java.util.Map;

import dev.csvtest.s3.EmbeddedS3;
import dev.csvtest.s3.ExternalS3;
import dev.csvtest.s3.S3Clients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The S3 the local stack gives a template that declares buckets: an {@link EmbeddedS3} by default, or an external
 * endpoint ({@code --s3-endpoint}: LocalStack, MinIO, ...) in which the stack creates the template's buckets as a
 * deploy would.
 */
public final class LocalS3 {

    private LocalS3() {
    }

    /**
     * An external S3. The stack talks to it with the user's credentials: keys in the environment it was given, else
     * the SDK's default chain when the user has a profile; dummy keys when there are none.
     */
    public static ExternalS3 external(URI endpoint, String region, Map<String, String> processEnv, boolean userHasCredentials) {
        AwsCredentialsProvider credentials;
        if (processEnv.get("AWS_ACCESS_KEY_ID") != null && processEnv.get("AWS_SECRET_ACCESS_KEY") != null) {
            credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(processEnv.get("AWS_ACCESS_KEY_ID"),
                    processEnv.get("AWS_SECRET_ACCESS_KEY")));
        } else if (userHasCredentials) {
            credentials = DefaultCredentialsProvider.builder().build();
        } else {
            credentials = S3Clients.fakeKeys("local-stack");
        }
        return ExternalS3.connect(endpoint, Region.of(region), credentials);
    }
}
