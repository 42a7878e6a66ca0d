package dev.csvtest.local.gateway;

/**
 * HTTP API stage throttling ({@code DefaultRouteSettings}): a token bucket holding {@code burst} tokens, refilled at
 * {@code rate} per second. A request that finds it empty gets 429 {@code Too Many Requests}.
 */
final class StageThrottle {

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    StageThrottle(double ratePerSecond, int burst) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
