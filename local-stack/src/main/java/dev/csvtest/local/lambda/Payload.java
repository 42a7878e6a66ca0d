package dev.csvtest.local.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;

/**
 * A function's response as Lambda's serializer writes it: its exact size (what the 6 MB limit counts) and its bytes.
 */
public sealed interface Payload {

    /** The serialized size in bytes. */
    int size();

    /** The serialized JSON. */
    byte[] bytes();

    /** Bytes as the serializer wrote them. */
    record Json(byte[] bytes) implements Payload {
        @Override
        public int size() {
            return bytes.length;
        }
    }

    /**
     * An API Gateway proxy response whose large {@code body} string was left out of the serializer's work: the
     * serializer wrote the response with a marker in place of the body ({@code skeleton}), and the body is escaped the
     * way it would have (one pass, checked byte for byte against the serializer by {@code PayloadSpliceTest}) only if
     * someone asks for {@link #bytes()}. The gateway does not: it reads the skeleton and takes the body as it is. For a
     * 300 KB body that saves the serializer's escaping and the gateway's unescaping, most of a warm request's CPU.
     *
     * @param skeleton the serializer's output with the marker string as the body
     * @param marker   where the marker's JSON string (quotes included) starts in the skeleton, and its length
     * @param body     the body string itself
     * @param bodyUtf8 its UTF-8 bytes (what a client gets)
     * @param size     the size the serializer's output would have had
     */
    record Spliced(byte[] skeleton, int marker, int markerLength, String body, byte[] bodyUtf8, int size)
            implements Payload {

        @Override
        public byte[] bytes() {
            var out = new ByteArrayOutputStream(size);
            out.write(skeleton, 0, marker);
            out.write('"');
            JsonEscaping.write(body, out);
            out.write('"');
            out.write(skeleton, marker + markerLength, skeleton.length - marker - markerLength);
            return out.toByteArray();
        }

        /** The skeleton's JSON with the body member holding the marker, for readers that replace it by {@link #body}. */
        @Override
        public String toString() {
            return new String(skeleton, UTF_8);
        }
    }
}
