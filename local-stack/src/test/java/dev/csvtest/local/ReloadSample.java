package dev.csvtest.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * The hot reload sample (src/test/resources/local/reload-sample) laid out in a folder of its own: its template, its
 * source, and fn/ (its CodeUri) where {@link #build} compiles the source as an IDE does, straight into the watched
 * classes folder.
 */
final class ReloadSample {

    private static final String SOURCE = "src/sample/Greeter.java";

    final Path root;
    final Path template;
    final Path classes;

    ReloadSample(Path root) {
        this.root = root;
        this.template = root.resolve("template.yaml");
        this.classes = root.resolve("fn");
        copy("template.yaml");
        copy(SOURCE);
    }

    private void copy(String name) {
        try (InputStream in = ReloadSample.class.getResourceAsStream("/local/reload-sample/" + name)) {
            Files.createDirectories(root.resolve(name).getParent());
            Files.copy(in, root.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Edits the source's VERSION and compiles it into {@code output} (the function's classes folder by default). */
    void build(String version) {
        build(version, classes);
    }

    void build(String version, Path output) {
        try {
            Path source = root.resolve(SOURCE);
            Files.writeString(source, Files.readString(source).replaceAll("VERSION = \"[^\"]*\"", "VERSION = \"" + version + "\""));
            Files.createDirectories(output);
            var errors = new StringWriter();
            var compiler = ToolProvider.getSystemJavaCompiler();
            boolean ok = compiler.getTask(errors, null, null,
                    List.of("--release", "21", "-classpath", jarOf(RequestHandler.class).toString(), "-d", output.toString()),
                    null, compiler.getStandardFileManager(null, null, null).getJavaFileObjects(source)).call();
            if (!ok) {
                throw new IllegalStateException("the sample does not compile: " + errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a build's class files over the function's, as an IDE writes its output. */
    void install(Path build) {
        try (Stream<Path> files = Files.walk(build)) {
            for (var file : files.filter(Files::isRegularFile).toList()) {
                Path target = classes.resolve(build.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
