package dev.csvtest.function.s3;

import java.util.Objects;

/**
 * One version of the CSV object, decoded once so a cached copy can be answered without re-encoding work.
 *
 * @param body      the object's content as UTF-8 text
 * @param etag      S3's entity tag, quotes included, as sent in {@code ETag} and {@code If-None-Match}
 * @param sizeBytes the object's size in bytes
 */
public record CsvObject(String body, String etag, long sizeBytes) {
    public CsvObject {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(etag, "etag");
    }

    @Override
    public String toString() {
        return "CsvObject[etag=" + etag + ", sizeBytes=" + sizeBytes + "]";
    }
}
