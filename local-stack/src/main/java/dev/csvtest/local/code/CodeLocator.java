package dev.csvtest.local.code;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;

/**
 * Finds a function's code from its {@code CodeUri} (relative to the template's folder), the way a SAM user has it
 * after a build, and splits it into the function's own classes and its dependency jars:
 *
 * <ul>
 *   <li>a built layout, as {@code sam build} writes it ({@code .aws-sam/build/<Function>/}: classes at the top,
 *       jars in {@code lib/}), or an unzipped Lambda package;
 *   <li>a Maven project: {@code target/classes} with the jars of {@code target/lib} or {@code target/dependency}
 *       ({@code dependency:copy-dependencies}); else a shaded jar in {@code target/} that holds the handler;
 *   <li>a Gradle project: {@code build/classes/java/main} and {@code build/resources/main}, jars in
 *       {@code build/dependency} or {@code build/lib};
 *   <li>a jar (a shaded function) or a zip (a Lambda package, unpacked once into a temporary folder).
 * </ul>
 */
public final class CodeLocator {

    private CodeLocator() {
    }

    public static CodeLocation locate(String functionId, String codeUri, String handlerClass, Path template) {
        Path folder = template.toAbsolutePath().getParent();
        Path base = folder.resolve(codeUri == null || codeUri.isBlank() ? "." : codeUri).normalize();
        String where = functionId + ": CodeUri " + (codeUri == null ? "(none: the template's folder)" : codeUri);
        if (!Files.exists(base)) {
            throw new CodeNotFoundException(where + " does not exist (" + base + ")");
        }
        if (Files.isRegularFile(base)) {
            String name = base.getFileName().toString();
            if (name.endsWith(".jar")) {
                return new CodeLocation(List.of(base), List.of(), relative(folder, base));
            }
            if (name.endsWith(".zip")) {
                Path unpacked = unzip(base);
                return built(unpacked, relative(folder, base) + " (unpacked in " + unpacked + ")");
            }
            throw new CodeNotFoundException(where + " is a file but neither a jar nor a zip: " + base);
        }
        Path handlerFile = Path.of(FunctionClassLoader.entryOf(handlerClass));
        Path classes = base.resolve("target/classes");
        if (Files.isDirectory(classes)) {
            var libs = firstFolder(base, "target/lib", "target/dependency");
            if (libs.isPresent()) {
                var jars = jars(libs.get());
                return new CodeLocation(List.of(classes), jars,
                        relative(folder, classes) + " + " + relative(folder, libs.get()) + " (" + jars.size() + " jars)");
            }
            var shaded = shadedJarWith(base.resolve("target"), handlerFile.toString().replace('\\', '/'));
            if (shaded.isPresent()) {
                return new CodeLocation(List.of(shaded.get()), List.of(), relative(folder, shaded.get()) + " (one jar)");
            }
            return new CodeLocation(List.of(classes), List.of(), relative(folder, classes)
                    + " (no target/lib or target/dependency beside it: if the function needs libraries, run"
                    + " 'mvn package dependency:copy-dependencies' or 'sam build')");
        }
        Path gradleClasses = base.resolve("build/classes/java/main");
        if (Files.isDirectory(gradleClasses)) {
            var code = new ArrayList<Path>(List.of(gradleClasses));
            Path resources = base.resolve("build/resources/main");
            if (Files.isDirectory(resources)) {
                code.add(resources);
            }
            var libs = firstFolder(base, "build/dependency", "build/lib");
            var jars = libs.map(CodeLocator::jars).orElse(List.of());
            return new CodeLocation(code, jars, relative(folder, gradleClasses) + libs.map(l -> " + "
                    + relative(folder, l) + " (" + jars.size() + " jars)").orElse(""));
        }
        if (Files.isRegularFile(base.resolve(handlerFile)) || Files.isDirectory(base.resolve("lib"))) {
            return built(base, relative(folder, base));
        }
        throw new CodeNotFoundException(where + ": no build output in " + base + ". Build it first: " + buildHint(base));
    }

    /** Classes at the top, dependency jars in {@code lib/}: what {@code sam build} and a Lambda zip hold. */
    private static CodeLocation built(Path root, String description) {
        Path lib = root.resolve("lib");
        var jars = Files.isDirectory(lib) ? jars(lib) : List.<Path>of();
        return new CodeLocation(List.of(root), jars, description + (jars.isEmpty() ? "" : " + lib (" + jars.size() + " jars)"));
    }

    private static String buildHint(Path base) {
        if (Files.exists(base.resolve("pom.xml"))) {
            return "'mvn package' (with dependency:copy-dependencies, or the shade plugin), or 'sam build'";
        }
        if (Files.exists(base.resolve("build.gradle")) || Files.exists(base.resolve("build.gradle.kts"))) {
            return "'gradle build', or 'sam build'";
        }
        return "'sam build'";
    }

    private static Optional<Path> firstFolder(Path base, String... candidates) {
        return Stream.of(candidates).map(base::resolve).filter(Files::isDirectory).findFirst();
    }

    private static List<Path> jars(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** A jar in {@code target/} holding the handler class: the shade plugin's output. */
    private static Optional<Path> shadedJarWith(Path target, String handlerEntry) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        return jars(target).stream()
                .filter(j -> !j.getFileName().toString().startsWith("original-"))
                .filter(j -> {
                    try (var root = CodeRoot.Jar.open(j)) {
                        return root.contains(handlerEntry);
                    }
                })
                .findFirst();
    }

    /** Unpacks a Lambda zip once per content (the folder is named by its hash) into the temporary folder. */
    private static Path unzip(Path zip) {
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(zip));
            Path target = Path.of(System.getProperty("java.io.tmpdir"), "local-stack-zips",
                    HexFormat.of().formatHex(digest, 0, 8));
            if (Files.isDirectory(target)) {
                return target;
            }
            Path partial = Files.createDirectories(target.getParent()).resolve(target.getFileName() + ".partial");
            try (var in = new ZipInputStream(Files.newInputStream(zip))) {
                for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    Path out = partial.resolve(entry.getName()).normalize();
                    if (!out.startsWith(partial)) {
                        throw new CodeNotFoundException(zip + ": entry " + entry.getName() + " escapes the archive");
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new CodeNotFoundException("cannot unpack " + zip + ": " + e.getMessage());
        }
    }

    private static String relative(Path folder, Path path) {
        return path.startsWith(folder) ? folder.relativize(path).toString().replace('\\', '/') : path.toString();
    }
}
