package dev.csvtest.load;

/** A bad command line: the message says which flag and why; the tool prints it with the usage and exits 2. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
