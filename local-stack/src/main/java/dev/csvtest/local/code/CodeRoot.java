package dev.csvtest.local.code;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.ZipFile;

import dev.csvtest.local.io.Closing;

/**
 * One place a function's classes and resources come from: a classes folder ({@code target/classes}, the root of
 * {@code .aws-sam/build/<Function>/}) or a jar. Its entry names are indexed once, so a loader asks "is it mine?" with
 * a map lookup instead of a file system probe per class (the SDK alone asks for thousands it does not have), and
 * with each entry a checksum of its content, so that hot reload can tell which classes a build changed.
 */
sealed interface CodeRoot extends AutoCloseable {

    Path path();

    /** The folder or jar itself, as a {@code CodeSource} location. */
    default URL location() {
        return toUrl(path().toUri());
    }

    /**
     * Whether the root holds this entry ({@code a/b/C.class}, {@code META-INF/services/x}): the index of
     * {@link #checksums} answers it, for a folder and a jar alike.
     */
    default boolean contains(String entry) {
        return checksums().containsKey(entry);
    }

    /** The entry's bytes; call only when {@link #contains} is true. */
    byte[] read(String entry) throws IOException;

    /** A URL for the entry, as {@code getResource} returns it. */
    URL url(String entry);

    /** The jar's manifest (package versions come from it), or null. */
    Manifest manifest();

    /**
     * A checksum of every entry's content as it was when the root was opened (a jar's CRC-32s from its central
     * directory; a folder's files read once): what hot reload compares between two generations of the code.
     */
    Map<String, Long> checksums();

    @Override
    void close();

    static CodeRoot open(Path path) {
        return Files.isDirectory(path) ? Folder.index(path) : Jar.open(path);
    }

    /** A classes folder. */
    record Folder(Path path, Map<String, Long> checksums) implements CodeRoot {

        static Folder index(Path root) {
            var sums = new HashMap<String, Long>();
            try (Stream<Path> files = Files.walk(root)) {
                for (var file : (Iterable<Path>) files.filter(f -> !f.equals(root))::iterator) {
                    String name = root.relativize(file).toString().replace('\\', '/');
                    if (Files.isDirectory(file)) {
                        // Package folders are resources too, with or without the slash, as URLClassLoader answers
                        // them: classpath scanning (Spring's component scan) asks for "com/example/" and walks it.
                        sums.put(name + "/", 0L);
                        sums.put(name, 0L);
                    } else {
                        sums.put(name, crc(file));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + root, e);
            }
            return new Folder(root, Map.copyOf(sums));
        }

        private static long crc(Path file) throws IOException {
            var crc = new CRC32C();
            crc.update(Files.readAllBytes(file));
            return crc.getValue();
        }

        @Override
        public byte[] read(String entry) throws IOException {
            return Files.readAllBytes(path.resolve(entry));
        }

        @Override
        public URL url(String entry) {
            return toUrl(path.resolve(entry).toUri());
        }

        @Override
        public Manifest manifest() {
            return null;
        }

        @Override
        public void close() {
        }
    }

    /** A jar, kept open while the function lives; multi-release entries resolve for the running JDK. */
    record Jar(Path path, JarFile jar, Manifest manifest, Map<String, Long> checksums) implements CodeRoot {

        static Jar open(Path path) {
            try {
                var jar = new JarFile(path.toFile(), false, ZipFile.OPEN_READ, Runtime.version());
                var sums = new HashMap<String, Long>();
                jar.versionedStream().forEach(e -> sums.put(e.getName(), e.getCrc()));
                return new Jar(path, jar, jar.getManifest(), Map.copyOf(sums));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open " + path, e);
            }
        }

        @Override
        public byte[] read(String entry) throws IOException {
            try (var in = jar.getInputStream(jar.getJarEntry(entry))) {
                return in.readAllBytes();
            }
        }

        @Override
        public URL url(String entry) {
            try {
                return URI.create("jar:" + path.toUri() + "!/" + entry).toURL();
            } catch (MalformedURLException | IllegalArgumentException e) {
                return null;
            }
        }

        @Override
        public void close() {
            Closing.quietly(jar);   // a read-only jar: nothing to lose
        }
    }

    private static URL toUrl(URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(uri.toString(), e);
        }
    }
}
