package dev.csvtest.local.gateway;

import java.util.Optional;

/**
 * Objects served on the API's port for GET and HEAD requests no route takes: a CloudFront distribution's bucket, so
 * that a page the template puts there (a demo page, say) can call the API from the same origin. {@code /} is the
 * distribution's default root object. Paths that try to leave the bucket's key space are not found.
 */
public final class StaticContent {

    /** An object: its bytes and content type. */
    public record Resource(byte[] body, String contentType) {
    }

    /** Reads one object by key, if it exists. */
    public interface Source {
        Optional<Resource> read(String key);
    }

    private static final StaticContent NONE = new StaticContent(key -> Optional.empty(), Optional.empty(), "");

    private final Source source;
    private final Optional<String> rootObject;
    private final String description;

    public StaticContent(Source source, Optional<String> rootObject, String description) {
        this.source = source;
        this.rootObject = rootObject;
        this.description = description;
    }

    /** Nothing is served besides the routes. */
    public static StaticContent none() {
        return NONE;
    }

    /** Where the objects come from, for the banner ("" when nothing is served). */
    public String description() {
        return description;
    }

    Optional<Resource> find(String rawPath) {
        if (rawPath.equals("/")) {
            return rootObject.flatMap(source::read);
        }
        if (rawPath.contains("..") || rawPath.contains("\\") || rawPath.contains("%") || rawPath.contains("//")
                || rawPath.endsWith("/")) {
            return Optional.empty();
        }
        return source.read(rawPath.substring(1));
    }
}
