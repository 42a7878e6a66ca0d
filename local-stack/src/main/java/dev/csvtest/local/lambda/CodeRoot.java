package dev.csvtest.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A function's code root (a classes directory or a jar) and the names of the classes in it, indexed once per
 * function so that every environment's loader knows without a file lookup which classes are the function's own.
 */
record CodeRoot(URL url, Set<String> classNames) {

    static CodeRoot index(URL url) {
        var names = new HashSet<String>();
        try {
            Path path = Path.of(url.toURI());
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .forEach(f -> names.add(className(path.relativize(f).toString().replace('\\', '/'))));
                }
            } else {
                try (var jar = new JarFile(path.toFile())) {
                    jar.stream().filter(e -> e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/"))
                            .forEach(e -> names.add(className(e.getName())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index code root " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad code root " + url, e);
        }
        return new CodeRoot(url, Set.copyOf(names));
    }

    private static String className(String entry) {
        return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
    }

    boolean contains(String className) {
        return classNames.contains(className);
    }
}
