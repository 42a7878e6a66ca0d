package dev.csvtest.function.s3;

import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * The largest object body the caller can pass on, measured the way the caller's limit applies to it.
 *
 * @param maxBytes            the limit, on the encoded size
 * @param maxExpansionPerByte bounds the encoding: {@code encodedSize(text) <= maxExpansionPerByte * (utf8Bytes + 1)},
 *                            one byte of input becoming at most that many, plus fixed overhead of at most as many
 *                            (a JSON string's two quotes); bodies that fit even so are not measured
 * @param encodedSize         the encoded size of a body, an upper bound
 */
public record BodyLimit(long maxBytes, int maxExpansionPerByte, ToLongFunction<String> encodedSize) {

    public BodyLimit {
        if (maxBytes < 0 || maxBytes >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
        }
        if (maxExpansionPerByte < 1) {
            throw new IllegalArgumentException("maxExpansionPerByte must be at least 1: " + maxExpansionPerByte);
        }
        Objects.requireNonNull(encodedSize, "encodedSize");
    }

    /**
     * Whether a body of {@code utf8Bytes} bytes, decoded as {@code text}, fits. The scan is skipped when even the worst
     * expansion cannot reach the limit: walking 300 KB one char at a time is measurable on a cold, interpreted first
     * request.
     */
    boolean fits(int utf8Bytes, String text) {
        return (long) maxExpansionPerByte * (utf8Bytes + 1L) <= maxBytes || encodedSize.applyAsLong(text) <= maxBytes;
    }
}
