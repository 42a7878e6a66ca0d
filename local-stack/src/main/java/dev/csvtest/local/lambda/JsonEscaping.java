package dev.csvtest.local.lambda;

import java.io.ByteArrayOutputStream;

/**
 * How Lambda's serializer (the Jackson UTF-8 generator it bundles, with its default escapes) writes a string's
 * characters inside a JSON string: {@code "} and {@code \} escaped; control characters as {@code \b \t \n \f \r} or
 * {@code &#92;u00XX}; a character beyond the Basic Multilingual Plane as its two surrogates, each as {@code &#92;uXXXX}
 * (upper-case hex); everything else as its UTF-8 bytes, {@code /} and the rest of non-ASCII included. {@code PayloadSpliceTest} holds it to the
 * serializer byte for byte.
 */
final class JsonEscaping {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

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
        int length = utf8.length;
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b < 0x20 || b == '"' || b == '\\') {
                length += b == '"' || b == '\\' || shortEscape((char) b) != 0 ? 1 : 5;
            } else if (b == '?' && s.charAt(i) != '?') {
                return -1;   // the encoder's stand-in for a lone surrogate
            }
        }
        return length;
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
