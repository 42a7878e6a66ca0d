package dev.csvtest.load;

/**
 * Fires one GET and reports its {@link Outcome}; never throws for network or HTTP failures.
 *
 * <p>A request is split in two so that burst mode can do the per-request set-up (parse the URL, resolve the host,
 * open the socket, encode the request) before the start barrier, and only the connect, the exchange and the close
 * fall inside the measured window.
 */
public interface HttpGetter extends AutoCloseable {

    /** A request ready to send; {@code state} is the implementation's (or the exception that set-up hit). */
    record Prepared(int index, String url, Object state) {
    }

    /** Set-up that may happen before the clock starts. The default does nothing. Never throws. */
    default Prepared prepare(int index, String url) {
        return new Prepared(index, url, null);
    }

    /**
     * @param request from {@link #prepare}
     * @param origin  the run's start, from {@link System#nanoTime()}; outcome times are relative to it
     */
    Outcome send(Prepared request, long origin);

    /** {@link #prepare} then {@link #send}. */
    default Outcome get(int index, String url, long origin) {
        return send(prepare(index, url), origin);
    }

    @Override
    default void close() {
    }
}
