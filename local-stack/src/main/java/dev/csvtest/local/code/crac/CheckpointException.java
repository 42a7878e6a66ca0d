package dev.csvtest.local.code.crac;

/** A {@code beforeCheckpoint} hook failed; the hooks' exceptions are suppressed in it. */
public class CheckpointException extends Exception {
    private static final long serialVersionUID = 1L;

    public CheckpointException() {
        super("a beforeCheckpoint hook failed");
    }
}
