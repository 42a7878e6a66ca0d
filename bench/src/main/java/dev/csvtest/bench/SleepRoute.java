package dev.csvtest.bench;

import java.nio.charset.StandardCharsets;

/**
 * The benchmark route shared by the bare servers: {@code GET /csv_test?delay=N} sleeps N seconds (decimals allowed,
 * 0..60) and answers a small text body (or, with {@code BareServer --body FILE}, that file). It is the physical limit the local stack is compared with: no S3, no
 * handler, nothing but a sleep per request.
 */
public final class SleepRoute {

    public static final String PATH = "/csv_test";
    public static final double MAX_DELAY_SECONDS = 60;
    static final byte[] BODY = "ok\n".getBytes(StandardCharsets.US_ASCII);

    /** What the route answers after the sleep: the default {@code ok}, or a file's bytes ({@code --body FILE}). */
    public record Body(String contentType, byte[] bytes) {
        public static final Body DEFAULT = new Body("text/plain", BODY);

        public static Body csv(byte[] bytes) {
            return new Body("text/csv; charset=utf-8", bytes);
        }
    }

    private SleepRoute() {
    }

    /** The delay in milliseconds from a raw query string, or -1 when it is not a number in [0, 60]. */
    public static long delayMillis(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return 0;
        }
        for (var pair : rawQuery.split("&")) {
            if (pair.startsWith("delay=")) {
                try {
                    var d = Double.parseDouble(pair.substring(6));
                    return d >= 0 && d <= MAX_DELAY_SECONDS ? Math.round(d * 1000) : -1;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return 0;
    }

    /** Sleeps for the delay; returns false when interrupted. */
    static boolean sleep(long millis) {
        if (millis <= 0) {
            return true;
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
