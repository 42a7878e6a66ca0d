package dev.csvtest.function.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A minimal JSON writer for the few flat problem bodies and log lines we write.
 *
 * <p>Hand-written so the Lambda zip needs no JSON library. Output is pure ASCII: quotes, backslashes, control
 * characters, everything outside printable ASCII (including U+2028/U+2029 and lone surrogates) and the HTML-special
 * {@code < > &} are written as {@code \\uXXXX} escapes, so no string we embed can break out of its value.
 */
public final class Json {

    private Json() {
    }

    /** A flat JSON object; values are strings, longs or booleans, in insertion order. */
    public static final class ObjectBuilder {
        private final Map<String, Object> members = new LinkedHashMap<>();

        public ObjectBuilder put(String name, String value) {
            members.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public ObjectBuilder put(String name, long value) {
            members.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        public ObjectBuilder put(String name, boolean value) {
            members.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /** A member whose value is already JSON (an object or array built by the caller from quoted parts). */
        public ObjectBuilder putJson(String name, String json) {
            members.put(Objects.requireNonNull(name, "name"), new RawJson(Objects.requireNonNull(json, "json")));
            return this;
        }

        @Override
        public String toString() {
            var out = new StringBuilder(128).append('{');
            var first = true;
            for (var member : members.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                appendString(out, member.getKey());
                out.append(':');
                if (member.getValue() instanceof String text) {
                    appendString(out, text);
                } else {
                    out.append(member.getValue());
                }
            }
            return out.append('}').toString();
        }
    }

    private record RawJson(String json) {
        @Override
        public String toString() {
            return json;
        }
    }

    public static ObjectBuilder object() {
        return new ObjectBuilder();
    }

    /** The quoted, escaped JSON string literal for {@code value}. */
    public static String quote(String value) {
        return appendString(new StringBuilder(value.length() + 2), value).toString();
    }

    private static StringBuilder appendString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c >= 0x20 && c < 0x7f && c != '<' && c != '>' && c != '&') {
                        out.append(c);
                    } else {
                        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * An upper bound on the bytes {@code value} takes as a JSON string in Lambda's response document, where the
     * runtime's serializer writes UTF-8 and escapes quotes, backslashes and control characters. Used to keep a
     * CSV body under Lambda's response limit.
     */
    /**
     * The most bytes one UTF-8 byte of input can become in {@link #encodedLength}: an ASCII control character becomes
     * six ({@code \\u00XX}); a 2-, 3- or 4-byte sequence becomes at most 6, 6 or 12 bytes.
     */
    public static final int MAX_ENCODED_BYTES_PER_UTF8_BYTE = 6;

    public static long encodedLength(String value) {
        long bytes = 2;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                bytes += 2;
            } else if (c < 0x20) {
                bytes += 6; // worst case \\u00XX
            } else if (c < 0x80) {
                bytes += 1;
            } else {
                bytes += 6; // worst case: escaped, or 3 UTF-8 bytes; a surrogate pair is 4 bytes for 2 chars
            }
        }
        return bytes;
    }
}
