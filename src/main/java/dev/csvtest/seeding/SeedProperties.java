package dev.csvtest.seeding;

import java.util.Map;
import java.util.Objects;

/**
 * The {@code SeedObjects} custom resource's properties, as set in {@code template.yaml}.
 *
 * @param bucket    the data bucket ({@code BucketName})
 * @param objectKey where the sample CSV goes ({@code ObjectKey})
 */
record SeedProperties(String bucket, String objectKey) {

    /** The key of the demo page: CloudFront's {@code DefaultRootObject}. */
    static final String DEMO_PAGE_KEY = "index.html";

    SeedProperties {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(objectKey, "objectKey");
        if (objectKey.equals(DEMO_PAGE_KEY)) {
            throw new IllegalArgumentException("ObjectKey must not be " + DEMO_PAGE_KEY + ": that key holds the demo page");
        }
    }

    /** Reads the properties of a request; a missing or blank property fails, naming it. */
    static SeedProperties from(Map<String, Object> properties) {
        if (properties == null) {
            throw new IllegalArgumentException("the custom resource has no properties; BucketName and ObjectKey are required");
        }
        return new SeedProperties(required(properties, "BucketName"), required(properties, "ObjectKey"));
    }

    private static String required(Map<String, Object> properties, String name) {
        var value = properties.get(name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("custom resource property " + name + " is missing or blank");
        }
        return value.toString();
    }
}
