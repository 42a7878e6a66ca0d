package dev.csvtest.local.lambda;

import java.io.ByteArrayOutputStream;

/**
 * How Lambda's serializer (the Jackson UTF-8 generator it bundles, with its default escapes) writes a string's
 * characters inside a JSON string: {@code "} and {@code \} escaped; control characters as {@code \b \t \n \f \r} or
 * {@code &#92;u00XX}; a character beyond the Basic Multilingual Plane as its two surrogates, each as {@code &#92;uXXXX}
 * (upper-case hex); everything else as its UTF-8 bytes, {@code /} and the rest of non-ASCII included.
 * {@code PayloadSpliceTest} holds it to the serializer byte for byte.
 */
final class JsonEscaping {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The bytes an ASCII character's escape adds to it: 1 for a short escape or a quote, 5 for {@code &#92;u00XX}. */
    private static final int[] ESCAPE_EXTRA = new int[128];

    static {
        for (char c = 0; c < 0x20; c++) {
            ESCAPE_EXTRA[c] = shortEscape(c) != 0 ? 1 : 5;
        }
        ESCAPE_EXTRA['"'] = 1;
        ESCAPE_EXTRA['\\'] = 1;
    }

    private JsonEscaping() {
    }

    /**
     * The escaped length in bytes, or -1 if the string has a lone surrogate (which the serializer refuses), given the
     * string's UTF-8 bytes too: for an all-ASCII string (as many bytes as characters) counting the bytes that need an
     * escape is all there is to do, in a loop over bytes rather than characters.
     */
    static int length(String s, byte[] utf8) {
        if (utf8.length != s.length()) {
            return length(s);
        }
        // Every byte is ASCII or the encoder's '?' for a lone surrogate. A table lookup per byte and no branch in the
        // loop: this runs over every response body, and a branchy loop cost four times as much on a 1 MB CSV.
        int extra = 0;
        int questionMarks = 0;
        for (byte b : utf8) {
            extra += ESCAPE_EXTRA[b & 0x7F];
            questionMarks += b == '?' ? 1 : 0;
        }
        if (questionMarks != 0 && questionMarks != count(s, '?')) {
            return -1;   // some '?' was a lone surrogate
        }
        return utf8.length + extra;
    }

    private static int count(String s, char c) {
        int count = 0;
        for (int i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) {
            count++;
        }
        return count;
    }

    /** The escaped length in bytes, or -1 if the string has a lone surrogate (which the serializer refuses). */
    static int length(String s) {
        int length = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length += c == '"' || c == '\\' ? 2 : c >= 0x20 ? 1 : shortEscape(c) != 0 ? 2 : 6;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return -1;
                }
                length += 12;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return -1;
            } else {
                length += 3;
            }
        }
        return length;
    }

    /** Writes the escaped characters (without quotes); the string must have passed {@link #length}. */
    static void write(String s, ByteArrayOutputStream out) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == '"' || c == '\\') {
                    out.write('\\');
                    out.write(c);
                } else if (c >= 0x20) {
                    out.write(c);
                } else if (shortEscape(c) != 0) {
                    out.write('\\');
                    out.write(shortEscape(c));
                } else {
                    unicodeEscape(c, out);
                }
            } else if (c < 0x800) {
                out.write(0xC0 | c >> 6);
                out.write(0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c)) {
                unicodeEscape(c, out);
                unicodeEscape(s.charAt(++i), out);
            } else {
                out.write(0xE0 | c >> 12);
                out.write(0x80 | c >> 6 & 0x3F);
                out.write(0x80 | c & 0x3F);
            }
        }
    }

    private static void unicodeEscape(char c, ByteArrayOutputStream out) {
        out.write('\\');
        out.write('u');
        out.write(HEX[c >> 12 & 0xF]);
        out.write(HEX[c >> 8 & 0xF]);
        out.write(HEX[c >> 4 & 0xF]);
        out.write(HEX[c & 0xF]);
    }

    private static char shortEscape(char c) {
        return switch (c) {
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
    }
}
