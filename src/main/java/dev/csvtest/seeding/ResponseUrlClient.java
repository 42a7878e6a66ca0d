package dev.csvtest.seeding;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * PUTs a custom resource response to CloudFormation's pre-signed S3 {@code ResponseURL}.
 *
 * <p>Plain {@link HttpURLConnection}: one small request per stack operation needs no HTTP library. The URL is
 * signed for the host only, so the body goes with no {@code Content-Type}, as CloudFormation's own
 * {@code cfn-response} module sends it.
 */
final class ResponseUrlClient {

    private final Duration connectTimeout;
    private final Duration readTimeout;

    ResponseUrlClient(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** Sends the body; a non-2xx answer is an {@link IOException} naming the status. */
    void put(String responseUrl, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        var connection = (HttpURLConnection) URI.create(responseUrl).toURL().openConnection();
        try {
            connection.setConnectTimeout((int) connectTimeout.toMillis());
            connection.setReadTimeout((int) readTimeout.toMillis());
            connection.setRequestMethod("PUT");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(bytes.length);
            try (var out = connection.getOutputStream()) {
                out.write(bytes);
            }
            var status = connection.getResponseCode();
            if (status < 200 || status > 299) {
                throw new IOException("the response URL answered HTTP " + status);
            }
        } finally {
            connection.disconnect();
        }
    }
}
