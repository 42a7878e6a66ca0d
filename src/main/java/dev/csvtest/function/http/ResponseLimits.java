package dev.csvtest.function.http;

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

    private ResponseLimits() {
    }
}
