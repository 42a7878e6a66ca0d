package dev.csvtest.local.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A classes folder answers resource lookups as URLClassLoader does over the same folder. */
class CodeRootTest {

    @TempDir
    Path dir;

    @Test
    void folder_packageFolders_areResourcesWithAndWithoutTheSlash_filesByName() throws IOException {
        Files.createDirectories(dir.resolve("com/example"));
        Files.writeString(dir.resolve("com/example/App.class"), "x");

        try (var root = CodeRoot.open(dir)) {
            assertThat(root.contains("com/example/App.class")).isTrue();
            assertThat(root.contains("com/example/")).isTrue();
            assertThat(root.contains("com/example")).isTrue();
            assertThat(root.url("com/example")).isNotNull();
            assertThat(root.contains("com/other")).isFalse();
        }
    }
}
