package dev.csvtest.local.io;

import java.io.Closeable;
import java.io.IOException;

/**
 * Closing what the stack is done with: a server socket, a connection, a watch service, a jar. An {@link IOException}
 * from {@code close()} there leaves nothing to act on and no one to tell, so it is dropped in this one place.
 */
public final class Closing {

    private Closing() {
    }

    /** Closes {@code resource}, ignoring an {@link IOException}; other exceptions propagate. */
    public static void quietly(Closeable resource) {
        try {
            resource.close();
        } catch (IOException ignored) {
            // done with it either way
        }
    }
}
