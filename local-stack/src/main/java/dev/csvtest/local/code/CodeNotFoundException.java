package dev.csvtest.local.code;

/** A function's code is not where its template says, or not built yet; the message says what to run. */
public final class CodeNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CodeNotFoundException(String message) {
        super(message);
    }
}
