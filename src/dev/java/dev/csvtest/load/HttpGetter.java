package dev.csvtest.load;

/** Fires one GET and reports its {@link Outcome}; never throws for network or HTTP failures. */
public interface HttpGetter extends AutoCloseable {

    /**
     * @param index  the request number
     * @param url    the absolute URL
     * @param origin the run's start, from {@link System#nanoTime()}; outcome times are relative to it
     */
    Outcome get(int index, String url, long origin);

    @Override
    default void close() {
    }
}
