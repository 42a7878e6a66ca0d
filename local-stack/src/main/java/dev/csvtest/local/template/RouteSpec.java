package dev.csvtest.local.template;

import java.time.Duration;
import java.util.Optional;

/**
 * One route from an {@code HttpApi} or {@code Api} event: {@code method} is upper case or {@code ANY}, {@code path} is
 * the route path ({@code /csv_test}, {@code /items/{id}}, {@code /{proxy+}}) or HTTP API's {@code $default}.
 *
 * @param integrationTimeout   the event's {@code TimeoutInMillis}, if set (else the API kind's default)
 * @param api                  the API the route belongs to
 * @param payloadFormatVersion {@code 2.0} or {@code 1.0} for an HTTP API; {@code 1.0} for a REST API
 */
public record RouteSpec(String method, String path, Optional<Duration> integrationTimeout, ApiSpec api,
                        String payloadFormatVersion) {

    /** A route of the implicit HTTP API, payload format 2.0. */
    public RouteSpec(String method, String path, Optional<Duration> integrationTimeout) {
        this(method, path, integrationTimeout, ApiSpec.implicitHttpApi(), "2.0");
    }

    /** The route key as API Gateway writes it: {@code GET /csv_test}, or {@code $default}. */
    public String routeKey() {
        return path.equals("$default") ? "$default" : method + " " + path;
    }

    /** Whether API Gateway sends this route's function a payload format 1.0 event (REST APIs always do). */
    public boolean payloadV1() {
        return api.rest() || payloadFormatVersion.equals("1.0");
    }
}
