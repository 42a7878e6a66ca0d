package dev.csvtest.function;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The deployment zip of a build as {@code sam build} lays it out (the function's classes and resources at the top,
 * the runtime jars under {@code lib/}), zipped with the default compression to measure its size.
 */
public record LambdaZip(Path target) {

    /** Lambda's budget for this project's zip (the pom says why it must stay lean). */
    public static final long BUDGET_BYTES = 10_000_000;

    /** The zipped size in bytes. */
    public long bytes() {
        var counter = new CountingStream();
        try (var zip = new ZipOutputStream(counter)) {
            add(zip, target.resolve("classes"), "");
            add(zip, target.resolve("lib"), "lib/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counter.count;
    }

    private static void add(ZipOutputStream zip, Path root, String prefix) throws IOException {
        try (var files = Files.walk(root)) {
            for (var file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(prefix + root.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }

    private static final class CountingStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
