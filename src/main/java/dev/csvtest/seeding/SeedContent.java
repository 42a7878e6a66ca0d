package dev.csvtest.seeding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * What the seeder puts into the bucket: the sample CSV and the demo page.
 *
 * <p>{@link #bundled()} reads them from the function's own classpath ({@code src/main/resources}), so the
 * deployed objects always come from the same build artifact as the code that serves them.
 */
record SeedContent(byte[] csv, byte[] demoPage) {

    static final String CSV_RESOURCE = "sample.csv";
    static final String DEMO_PAGE_RESOURCE = "public/index.html";

    SeedContent {
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(demoPage, "demoPage");
    }

    /** The sample CSV and demo page shipped in this artifact. */
    static SeedContent bundled() {
        return new SeedContent(resource(CSV_RESOURCE), resource(DEMO_PAGE_RESOURCE));
    }

    private static byte[] resource(String name) {
        try (var in = SeedContent.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + name + " is missing from the build artifact");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + name, e);
        }
    }
}
