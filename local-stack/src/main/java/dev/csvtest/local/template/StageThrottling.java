package dev.csvtest.local.template;

/**
 * An HTTP API's {@code DefaultRouteSettings} throttling: a token bucket of {@code burstLimit} tokens refilled at
 * {@code rateLimit} per second. Requests over it get 429 from API Gateway.
 */
public record StageThrottling(String api, double rateLimit, int burstLimit) {
}
