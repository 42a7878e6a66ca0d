package dev.csvtest.function.s3.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an S3 client may wait, from the socket up to the whole call.
 *
 * @param connect the TCP connect (the url-connection client's {@code connectionTimeout})
 * @param socket  the longest silence while reading (its {@code socketTimeout}); a silent server fails here first
 * @param attempt one HTTP attempt, connect to last body byte ({@code apiCallAttemptTimeout}): also ends a server that
 *                trickles bytes, and leaves time for a retry on a new connection
 * @param call    the whole call, retries and backoff included ({@code apiCallTimeout})
 */
public record S3Timeouts(Duration connect, Duration socket, Duration attempt, Duration call) {

    public S3Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(call, "call");
        if (!connect.isPositive() || !socket.isPositive() || !attempt.isPositive() || !call.isPositive()) {
            throw new IllegalArgumentException("every timeout must be positive: " + this);
        }
        if (attempt.compareTo(call) > 0 || connect.compareTo(attempt) > 0) {
            throw new IllegalArgumentException("need connect <= attempt <= call: " + this);
        }
    }
}
