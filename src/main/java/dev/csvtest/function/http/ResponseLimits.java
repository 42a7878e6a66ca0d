package dev.csvtest.function.http;

import dev.csvtest.function.s3.BodyLimit;

/** Lambda's limit on a synchronous response, and what that leaves for the body. */
public final class ResponseLimits {

    /**
     * Lambda's 6 MB limit on a synchronous invocation's response payload
     * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), which here is the JSON document
     * the runtime serialises the response object into.
     */
    public static final long LAMBDA_RESPONSE_BYTES = 6L * 1024 * 1024;

    /** Room for the JSON envelope and headers; ours need well under 1 KiB. */
    static final long ENVELOPE_ALLOWANCE_BYTES = 16 * 1024;

    /** The largest body, as encoded in the response document, that still fits. */
    public static final long MAX_BODY_BYTES = LAMBDA_RESPONSE_BYTES - ENVELOPE_ALLOWANCE_BYTES;

    /**
     * The most bytes one UTF-8 byte of a body can become in {@link #encodedLength}: an ASCII control character becomes
     * six ({@code \\u00XX}); a 2-, 3- or 4-byte sequence becomes at most 6, 6 or 12 bytes.
     */
    static final int MAX_ENCODED_BYTES_PER_UTF8_BYTE = 6;

    /** The body limit the S3 fetch enforces, so that no object is read that the response could not carry. */
    public static final BodyLimit BODY = new BodyLimit(MAX_BODY_BYTES, MAX_ENCODED_BYTES_PER_UTF8_BYTE,
            ResponseLimits::encodedLength);

    private ResponseLimits() {
    }

    /**
     * An upper bound on the bytes {@code body} takes as a JSON string in Lambda's response document, where the
     * runtime's serializer (not ours) writes UTF-8 and escapes quotes, backslashes and control characters.
     */
    static long encodedLength(String body) {
        long bytes = 2;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
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
