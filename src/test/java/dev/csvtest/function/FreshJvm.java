package dev.csvtest.function;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.amazonaws.services.lambda.runtime.api.client.api.LambdaContext;

import dev.csvtest.testkit.TestContext;

/**
 * Starts {@link FreshJvmInvoke} in a new JVM whose classpath is the harness class alone, the test kit's classes and
 * the runtime's own jar (aws-lambda-java-runtime-interface-client, whose Context the test kit's extends), plus what
 * the Lambda zip of a build holds: {@code <target>/classes} and {@code <target>/lib/*.jar}
 * (filled by {@code process-classes}), in an
 * environment that holds only what the caller gives. Java is the JVM running the caller; {@code -XX:TieredStopAtLevel=1}
 * as on Lambda's java21 runtime.
 *
 * @param target  a build's {@code target} folder
 * @param scratch where the harness class and the outputs go
 */
public record FreshJvm(Path target, Path scratch) {

    /** This module's own build, {@code target/} next to the test classes. */
    public static Path thisBuild() {
        try {
            return Path.of(FreshJvmInvoke.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What one run printed, and how long the process took from start to exit. */
    public record Run(int exitCode, String stdout, String stderr, long processMillis) {

        /** The value of a {@code name=value} line of stdout. */
        public Optional<String> value(String name) {
            return stdout.lines().filter(l -> l.startsWith(name + "=")).map(l -> l.substring(name.length() + 1)).findFirst();
        }

        public List<String> logLines() {
            return stdout.lines().filter(l -> l.startsWith("log=")).map(l -> l.substring(4)).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** Serves one {@code delay=0} request in a fresh JVM with exactly {@code environment}. */
    public Run invoke(Map<String, String> environment) {
        try {
            var java = ProcessHandle.current().info().command().orElseThrow();
            var builder = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", classpath(),
                    FreshJvmInvoke.class.getName(), "0"));
            builder.environment().clear(); // nothing from the build's environment: no stray AWS_* or JAVA_TOOL_OPTIONS
            builder.environment().putAll(environment);
            var out = Files.createTempFile(scratch, "stdout", ".txt");
            var err = Files.createTempFile(scratch, "stderr", ".txt");
            long start = System.nanoTime();
            var process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the fresh JVM did not finish in 60 s: " + Files.readString(out));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The harness class alone (copied out of the test classes), the runtime's jar, then the zip's classes and jars. */
    private String classpath() throws IOException, URISyntaxException {
        var packageDir = FreshJvmInvoke.class.getPackageName().replace('.', '/');
        var harness = scratch.resolve("harness");
        Files.createDirectories(harness.resolve(packageDir));
        try (var files = Files.list(thisBuild().resolve("test-classes").resolve(packageDir))) {
            var name = FreshJvmInvoke.class.getSimpleName();
            for (var file : files.filter(f -> f.getFileName().toString().equals(name + ".class")
                    || f.getFileName().toString().startsWith(name + "$")).toList()) {
                Files.copy(file, harness.resolve(packageDir).resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        var testKit = codeSource(TestContext.class);
        var runtime = codeSource(LambdaContext.class);
        var entries = new ArrayList<String>(List.of(harness.toString(), testKit.toString(), runtime.toString(),
                target.resolve("classes").toString()));
        try (Stream<Path> jars = Files.list(target.resolve("lib"))) {
            jars.filter(j -> j.toString().endsWith(".jar")).sorted().forEach(j -> entries.add(j.toString()));
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
