package dev.csvtest.load;

import java.util.Objects;

/**
 * The result of one request.
 *
 * @param index        the request number, 0-based
 * @param startNanos   when the request started (connect), relative to the run's start
 * @param endNanos     when the body was fully read or the request failed, relative to the run's start
 * @param status       HTTP status, or 0 when no response arrived
 * @param bodyBytes    body bytes read
 * @param error        null on success (2xx), else why it failed
 * @param errorDetail  a short message for failures, else null
 */
public record Outcome(int index, long startNanos, long endNanos, int status, long bodyBytes,
                      ErrorKind error, String errorDetail) {

    public Outcome {
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("endNanos < startNanos");
        }
    }

    public static Outcome response(int index, long start, long end, int status, long bodyBytes) {
        var ok = status >= 200 && status < 300;
        return new Outcome(index, start, end, status, bodyBytes, ok ? null : ErrorKind.HTTP_STATUS,
                ok ? null : "HTTP " + status);
    }

    public static Outcome failure(int index, long start, long end, ErrorKind kind, String detail) {
        return new Outcome(index, start, end, 0, 0, Objects.requireNonNull(kind), detail);
    }

    public boolean ok() {
        return error == null;
    }

    public long latencyNanos() {
        return endNanos - startNanos;
    }

    /** The key errors are grouped by in the report: {@code "HTTP 500"} or the kind's label. */
    public String errorKey() {
        return error == null ? null : error == ErrorKind.HTTP_STATUS ? "HTTP " + status : error.label();
    }
}
