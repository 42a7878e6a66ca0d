package dev.csvtest.local.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import dev.csvtest.local.code.CodeLocation;

/**
 * A path whose change means new code or settings, and how to read "change" for it. The path need not exist: a build
 * that starts with {@code clean} deletes it and creates it again.
 *
 * @param path absolute and normalized
 */
public record WatchedPath(Path path, Kind kind) {

    public enum Kind {
        /** A folder and everything under it ({@code target/classes}, {@code .aws-sam/build/<Function>}). */
        TREE,
        /** One file (a jar, the template). */
        FILE,
        /** The jars directly in a folder ({@code target/lib}): one added, removed or replaced. */
        JARS
    }

    public WatchedPath {
        path = path.toAbsolutePath().normalize();
        Objects.requireNonNull(kind, "kind");
    }

    /** What to watch for a function's code: its folders as trees, its jar files, and its library folders. */
    public static List<WatchedPath> of(CodeLocation location) {
        var paths = new LinkedHashSet<WatchedPath>();
        for (var code : location.code()) {
            paths.add(new WatchedPath(code, Files.isDirectory(code) ? Kind.TREE : Kind.FILE));
        }
        for (var jar : location.libraries()) {
            paths.add(new WatchedPath(jar.getParent(), Kind.JARS));
        }
        return new ArrayList<>(paths);
    }

    /**
     * Whether a created, modified or deleted path concerns this one: it is inside it (or it), or it is one of its
     * folders (a {@code clean} deleting {@code target/}, a build creating it again).
     */
    boolean concerns(Path changed) {
        if (path.startsWith(changed)) {
            return true;
        }
        return switch (kind) {
            case TREE -> changed.startsWith(path);
            case FILE -> false;
            case JARS -> path.equals(changed.getParent()) && changed.getFileName().toString().endsWith(".jar");
        };
    }

    /** The folder to register with the watch service: the path itself (a tree or jar folder) or its parent. */
    Path folder() {
        return kind == Kind.FILE ? path.getParent() : path;
    }
}
