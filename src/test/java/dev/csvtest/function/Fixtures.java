package dev.csvtest.function;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** Shared test fixtures: the function environment for a local S3 endpoint, the sample CSV, JSON parsing. */
final class Fixtures {

    static final String BUCKET = "csv-test-bucket";
    static final String KEY = "sample.csv";

    private Fixtures() {
    }

    /** The function environment pointing at a local S3 endpoint, with fake static keys; overrides are key, value pairs. */
    static Map<String, String> environment(URI s3Endpoint, String... overrides) {
        var env = new HashMap<String, String>();
        env.put("CSV_BUCKET", BUCKET);
        env.put("CSV_KEY", KEY);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL_S3", s3Endpoint.toString());
        env.put("S3_FORCE_PATH_STYLE", "true");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        for (int i = 0; i < overrides.length; i += 2) {
            env.put(overrides[i], overrides[i + 1]);
        }
        return env;
    }

    /** The project's sample CSV (src/main/resources/sample.csv). */
    static byte[] sampleCsv() {
        try (var in = Objects.requireNonNull(Fixtures.class.getResourceAsStream("/sample.csv"), "sample.csv")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a JSON object with the SDK's own parser (already on the classpath; no extra test dependency). */
    static Map<String, JsonNode> json(String body) {
        return JsonNode.parser().parse(body).asObject();
    }
}
