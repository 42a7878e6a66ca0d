package dev.csvtest.function.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one JSON writer in the Lambda zip: problem bodies and log lines (the CSV handler) and custom resource answers
 * (the seeder) all go through it.
 *
 * <p>One escaping rule for everything: the output is pure ASCII. Quotes, backslashes, control characters, everything
 * outside printable ASCII (including U+2028/U+2029 and lone surrogates) and the HTML-special {@code < > &} are written
 * as escapes, so no string we embed can break out of its value, split a log line, or be read as markup by a browser
 * that sniffs a body.
 *
 * <p>Hand-written rather than jackson-jr: docs/client-choice.md has the measurement (zip size and cold start) that
 * decided it.
 */
public final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    public static JsonObject object() {
        return new JsonObject();
    }

    public static JsonArray array() {
        return new JsonArray();
    }

    /** The quoted, escaped JSON string literal for {@code value}. */
    public static String quote(String value) {
        return appendString(new StringBuilder(value.length() + 2), value).toString();
    }

    /** A JSON object or array, written out by {@link #toString()}. */
    public abstract static sealed class JsonValue permits JsonObject, JsonArray {

        JsonValue() {
        }

        abstract StringBuilder appendTo(StringBuilder out);

        @Override
        public final String toString() {
            return appendTo(new StringBuilder(128)).toString();
        }
    }

    /** A JSON object; members keep their insertion order, and a repeated name replaces the earlier value. */
    public static final class JsonObject extends JsonValue {
        private final Map<String, Object> members = new LinkedHashMap<>();

        private JsonObject() {
        }

        /** A string member; {@code null} is written as JSON {@code null}. */
        public JsonObject put(String name, String value) {
            return member(name, value);
        }

        public JsonObject put(String name, long value) {
            return member(name, value);
        }

        public JsonObject put(String name, boolean value) {
            return member(name, value);
        }

        public JsonObject put(String name, JsonObject value) {
            return member(name, Objects.requireNonNull(value, "value"));
        }

        public JsonObject put(String name, JsonArray value) {
            return member(name, Objects.requireNonNull(value, "value"));
        }

        private JsonObject member(String name, Object value) {
            members.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        @Override
        StringBuilder appendTo(StringBuilder out) {
            out.append('{');
            var first = true;
            for (var member : members.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                appendString(out, member.getKey()).append(':');
                appendValue(out, member.getValue());
            }
            return out.append('}');
        }
    }

    /** A JSON array of strings, numbers, objects or arrays. */
    public static final class JsonArray extends JsonValue {
        private final List<Object> elements = new ArrayList<>();

        private JsonArray() {
        }

        public JsonArray add(String value) {
            elements.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        public JsonArray add(long value) {
            elements.add(value);
            return this;
        }

        public JsonArray add(JsonObject value) {
            elements.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        public JsonArray add(JsonArray value) {
            elements.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        @Override
        StringBuilder appendTo(StringBuilder out) {
            out.append('[');
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendValue(out, elements.get(i));
            }
            return out.append(']');
        }
    }

    private static void appendValue(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String text -> appendString(out, text);
            case JsonValue json -> json.appendTo(out);
            default -> out.append(value); // Long or Boolean
        }
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
}
