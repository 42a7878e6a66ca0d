package dev.csvtest.local.template;

import java.time.Duration;
import java.util.Optional;

/**
 * One HTTP API route from an {@code HttpApi} event: {@code method} is upper case or {@code ANY}, {@code path} is the
 * route path ({@code /csv_test}, {@code /items/{id}}, {@code /{proxy+}}) or {@code $default}.
 *
 * @param integrationTimeout the event's {@code TimeoutInMillis}, if set (else the stack-wide integration timeout)
 */
public record RouteSpec(String method, String path, Optional<Duration> integrationTimeout) {

    /** The route key as API Gateway writes it: {@code GET /csv_test}, or {@code $default}. */
    public String routeKey() {
        return path.equals("$default") ? "$default" : method + " " + path;
    }
}
