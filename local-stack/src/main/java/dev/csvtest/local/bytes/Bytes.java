package dev.csvtest.local.bytes;

/**
 * Searching raw bytes without decoding them: the sandbox looks for names in class files, the response splice for its
 * marker in serialized JSON, and neither wants a String copy of what it searches.
 */
public final class Bytes {

    private Bytes() {
    }

    /** Where {@code needle} first starts in {@code haystack}, or -1. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
