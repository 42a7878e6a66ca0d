package dev.csvtest.bench;

/** A bare-limit server: {@code GET /csv_test?delay=N} sleeps and answers a small body. */
public interface SleepServer extends AutoCloseable {

    int port();

    @Override
    void close();
}
