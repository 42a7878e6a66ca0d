package dev.csvtest.local.code.crac;

/** An {@code afterRestore} hook failed; the hooks' exceptions are suppressed in it. */
public class RestoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public RestoreException() {
        super("an afterRestore hook failed");
    }
}
