package dev.csvtest.local.template;

import java.util.List;
import java.util.Optional;

/**
 * An API's CORS configuration: an HTTP API's {@code CorsConfiguration}, or a REST API's SAM {@code Cors} (whose
 * values SAM writes as quoted header values, {@code "'*'"}; they are unquoted here).
 *
 * @param allowOrigins     allowed origins ({@code *}, exact origins, or HTTP API's {@code https://*.example.com})
 * @param allowMethods     allowed methods; for a REST API empty means "the methods of the path" (what SAM generates)
 * @param allowHeaders     allowed request headers
 * @param exposeHeaders    headers exposed to scripts (HTTP API only)
 * @param maxAge           {@code Access-Control-Max-Age} seconds, if set
 * @param allowCredentials {@code Access-Control-Allow-Credentials: true}
 */
public record CorsConfig(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                         List<String> exposeHeaders, Optional<Integer> maxAge, boolean allowCredentials) {

    public CorsConfig {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }
}
