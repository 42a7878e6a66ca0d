package dev.csvtest.local.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.LinkedHashMap;

import dev.csvtest.local.json.Json;
import dev.csvtest.local.lambda.Payload;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

/**
 * Reads a function's response (the JSON Lambda's serializer wrote) for the gateway, without turning its body into a
 * {@code String}: a proxy response's {@code body} is usually most of it (a 300 KB CSV), and decoding it from the JSON
 * bytes straight into the bytes the client gets takes one pass, where a parser's tree, its string and that string's
 * encoding took three (a quarter of a warm request's CPU). The object's other members are read with Jackson, one value
 * at a time, exactly as {@link Json#parse} would read them; any other document goes to {@link Json#parse} whole.
 */
final class LambdaResponse {

    /** One value of several in a document (the whole document is checked here). */
    private static final ObjectReader VALUE = Json.mapper().readerFor(Object.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private LambdaResponse() {
    }

    /** A string member already decoded to the UTF-8 bytes it stands for. */
    record Utf8(byte[] bytes) {
        String text() {
            return new String(bytes, UTF_8);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * A function's response: for a {@link Payload.Spliced} one, its skeleton with the body put back as the string it
     * is (nothing to decode); else the bytes, read by {@link #parse(byte[])}.
     */
    static Object parse(Payload payload) {
        if (payload instanceof Payload.Spliced spliced) {
            var object = parse(spliced.skeleton());
            if (object instanceof LinkedHashMap<?, ?> map && map.containsKey("body")) {
                @SuppressWarnings("unchecked")
                var members = (LinkedHashMap<String, Object>) map;
                members.put("body", new Utf8(spliced.bodyUtf8()));   // in place of the marker the serializer wrote
            }
            return object;
        }
        return parse(payload.bytes());
    }

    /**
     * The top-level JSON value; for an object, a map in which a string {@code body} is {@link Utf8}.
     *
     * @throws IllegalArgumentException if the payload is not one JSON value
     */
    static Object parse(byte[] json) {
        int i = whitespace(json, 0);
        if (i >= json.length || json[i] != '{') {
            return Json.parse(json);
        }
        var object = new LinkedHashMap<String, Object>();
        i = whitespace(json, i + 1);
        if (i < json.length && json[i] == '}') {
            return end(json, i + 1, object);
        }
        while (true) {
            if (i >= json.length || json[i] != '"') {
                throw new IllegalArgumentException("expected a member name at byte " + i);
            }
            var name = new StringDecoder(json, i);
            String key = new String(name.decode(), UTF_8);
            i = whitespace(json, name.end);
            if (i >= json.length || json[i] != ':') {
                throw new IllegalArgumentException("expected ':' at byte " + i);
            }
            i = whitespace(json, i + 1);
            if (i < json.length && json[i] == '"') {
                var value = new StringDecoder(json, i);
                byte[] utf8 = value.decode();
                object.put(key, key.equals("body") ? new Utf8(utf8) : new String(utf8, UTF_8));
                i = value.end;
            } else {
                i = readValue(json, i, key, object);
            }
            i = whitespace(json, i);
            if (i < json.length && json[i] == ',') {
                i = whitespace(json, i + 1);
            } else if (i < json.length && json[i] == '}') {
                return end(json, i + 1, object);
            } else {
                throw new IllegalArgumentException("expected ',' or '}' at byte " + i);
            }
        }
    }

    /**
     * Reads one value that is not a string with Jackson; returns where it ended. An object or array is read from the
     * rest of the document (Jackson stops after its closing bracket); a number or literal from exactly its own bytes,
     * because Jackson wants a number at the top of a document to end the document.
     */
    private static int readValue(byte[] json, int start, String key, LinkedHashMap<String, Object> object) {
        int length = json.length - start;
        if (start < json.length && json[start] != '{' && json[start] != '[') {
            int end = start;
            while (end < json.length && ",}] \n\r\t".indexOf(json[end]) < 0) {
                end++;
            }
            length = end - start;
        }
        try (JsonParser parser = Json.mapper().createParser(json, start, length)) {
            parser.nextToken();
            object.put(key, VALUE.readValue(parser));
            return start + (int) parser.currentLocation().getByteOffset();
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    private static Object end(byte[] json, int i, Object value) {
        if (whitespace(json, i) != json.length) {
            throw new IllegalArgumentException("trailing content after the JSON object");
        }
        return value;
    }

    private static int whitespace(byte[] json, int i) {
        while (i < json.length && (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** Decodes the JSON string that starts (with its quote) at {@code quote}; {@link #end} is after its closing quote. */
    private static final class StringDecoder {
        private final byte[] json;
        private final int quote;
        private int end;

        StringDecoder(byte[] json, int quote) {
            this.json = json;
            this.quote = quote;
        }

        byte[] decode() {
            // Escapes only ever shrink: the raw span is enough room.
            var out = new byte[json.length - quote];
            int length = 0;
            int i = quote + 1;
            while (true) {
                int run = i;
                while (i < json.length) {
                    byte b = json[i];
                    if (b == '"' || b == '\\') {
                        break;
                    }
                    if (b >= 0 && b < 0x20) {
                        throw new IllegalArgumentException("unescaped control character in a JSON string");
                    }
                    i++;
                }
                System.arraycopy(json, run, out, length, i - run);
                length += i - run;
                if (i >= json.length) {
                    throw new IllegalArgumentException("unterminated JSON string");
                }
                if (json[i] == '"') {
                    end = i + 1;
                    return Arrays.copyOf(out, length);
                }
                if (++i >= json.length) {
                    throw new IllegalArgumentException("unterminated JSON string");
                }
                switch (json[i++]) {
                    case '"' -> out[length++] = '"';
                    case '\\' -> out[length++] = '\\';
                    case '/' -> out[length++] = '/';
                    case 'b' -> out[length++] = '\b';
                    case 'f' -> out[length++] = '\f';
                    case 'n' -> out[length++] = '\n';
                    case 'r' -> out[length++] = '\r';
                    case 't' -> out[length++] = '\t';
                    case 'u' -> {
                        int c = hex(i);
                        i += 4;
                        if (Character.isHighSurrogate((char) c) && i + 6 <= json.length && json[i] == '\\' && json[i + 1] == 'u') {
                            int low = hex(i + 2);
                            if (Character.isLowSurrogate((char) low)) {
                                c = Character.toCodePoint((char) c, (char) low);
                                i += 6;
                            }
                        }
                        byte[] encoded = new String(Character.toChars(c)).getBytes(UTF_8);
                        System.arraycopy(encoded, 0, out, length, encoded.length);
                        length += encoded.length;
                    }
                    default -> throw new IllegalArgumentException("bad escape in a JSON string");
                }
            }
        }

        private int hex(int at) {
            if (at + 4 > json.length) {
                throw new IllegalArgumentException("bad \\u escape in a JSON string");
            }
            return Integer.parseInt(new String(json, at, 4, java.nio.charset.StandardCharsets.US_ASCII), 16);
        }
    }

    /** The body as the bytes a client gets (a string's UTF-8; any other JSON value written as JSON). */
    static byte[] bodyBytes(Object body) {
        return switch (body) {
            case null -> new byte[0];
            case Utf8 utf8 -> utf8.bytes();
            case String s -> s.getBytes(UTF_8);
            default -> Json.write(body);
        };
    }

    static boolean isString(Object body) {
        return body instanceof Utf8 || body instanceof String;
    }
}
