package dev.csvtest.local.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the classpath folder {@code public/} at {@code /} ({@code /} is {@code public/index.html}): the demo page,
 * which on AWS the seeder uploads next to the CSV. Paths that try to leave the folder are not found.
 */
final class StaticContent {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "csv", "text/csv; charset=utf-8",
            "txt", "text/plain; charset=utf-8");

    private final ClassLoader loader;

    StaticContent(ClassLoader loader) {
        this.loader = loader;
    }

    record Resource(byte[] body, String contentType) {
    }

    Optional<Resource> find(String rawPath) {
        String path = rawPath.equals("/") ? "/index.html" : rawPath;
        if (path.endsWith("/")) {
            path = path + "index.html";
        }
        if (path.contains("..") || path.contains("\\") || path.contains("%") || path.contains("//")) {
            return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream("public" + path)) {
            if (in == null) {
                return Optional.empty();
            }
            String ext = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            return Optional.of(new Resource(in.readAllBytes(), TYPES.getOrDefault(ext, "application/octet-stream")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
