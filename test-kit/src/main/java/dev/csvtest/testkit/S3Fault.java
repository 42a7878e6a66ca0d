package dev.csvtest.testkit;

import java.time.Duration;
import java.util.List;

import dev.csvtest.testkit.FaultyS3Proxy.Mode;

/**
 * The fault table: each way S3 can misbehave, how {@link FaultyS3Proxy} produces it, and what the function must
 * answer. Shared by the fault suite through the handler and the one through the local stack.
 */
public enum S3Fault {
    PORT_CLOSED("port closed", Mode.REFUSE, 502, "upstream-unreachable", Duration.ofSeconds(3)),
    NEVER_ANSWERS("accepting but never answering", Mode.BLACKHOLE, 504, "upstream-timeout", Duration.ofSeconds(1)),
    ERROR_500("500 InternalError", Mode.INTERNAL_ERROR_500, 502, "upstream-error", Duration.ofSeconds(3)),
    SLOW_DOWN_503("503 SlowDown", Mode.SLOW_DOWN_503, 503, "upstream-throttled", Duration.ofSeconds(5)),
    DENIED_403("403 AccessDenied", Mode.ACCESS_DENIED_403, 502, "object-access-denied", Duration.ofSeconds(3)),
    MISSING_KEY("missing key (404 NoSuchKey)", Mode.NORMAL, 502, "object-missing", Duration.ofSeconds(3)),
    TRUNCATED_BODY("body truncated mid-stream", Mode.TRUNCATED_BODY, 502, "upstream-incomplete", Duration.ofSeconds(3)),
    OBJECT_REPLACED("object replaced between two requests", Mode.NORMAL, 200, null, Duration.ofSeconds(3));

    /**
     * What must never reach a client in a problem body: S3's words, Java's words, addresses. Callers add their bucket
     * and key.
     */
    public static final List<String> INTERNALS = List.of("127.0.0.1", "s3Code", "s3RequestId",
            FaultyS3Proxy.FAULT_REQUEST_ID, "fault-proxy", "NoSuchKey", "The specified key", "AccessDenied",
            "Access Denied", "SlowDown", "reduce your request rate", "InternalError", "internal error. Please",
            "Exception", "exception", "software.amazon", "java.", "\tat ", ".java:", "SdkClient", "HttpURLConnection",
            "Premature", "EOF");

    private final String description;
    private final Mode mode;
    private final int status;
    private final String problem;
    private final Duration timeout;

    S3Fault(String description, Mode mode, int status, String problem, Duration timeout) {
        this.description = description;
        this.mode = mode;
        this.status = status;
        this.problem = problem;
        this.timeout = timeout;
    }

    public String description() {
        return description;
    }

    /** The proxy mode that produces the fault (NORMAL for faults made in the S3 server itself). */
    public Mode mode() {
        return mode;
    }

    /** The documented status. */
    public int status() {
        return status;
    }

    /** The problem type's slug, or null when the answer is a 200. */
    public String problem() {
        return problem;
    }

    /** The function Timeout each invocation gets; the answer must come before it. */
    public Duration timeout() {
        return timeout;
    }

    /** For test names: status and problem type. */
    public String expected() {
        return problem == null ? status + " new ETag and body" : status + " " + problem;
    }
}
