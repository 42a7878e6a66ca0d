package dev.csvtest.s3;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** SDK clients for an S3 on a local endpoint: the embedded server, or LocalStack, MinIO, moto. */
public final class S3Clients {

    private S3Clients() {
    }

    /**
     * A client for the S3 at {@code endpoint}, with path-style addressing (a local server has no bucket host names) and
     * the JDK's URL-connection HTTP client; the caller closes it.
     */
    public static S3Client forEndpoint(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Keys for a server that accepts any signature: {@code name} as both key id and secret. */
    public static AwsCredentialsProvider fakeKeys(String name) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(name, name));
    }
}
