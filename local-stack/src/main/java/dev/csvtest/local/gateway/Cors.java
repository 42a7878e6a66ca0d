package dev.csvtest.local.gateway;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.csvtest.local.template.CorsConfig;

/**
 * CORS as API Gateway does it.
 *
 * <p><b>HTTP API</b> ({@code CorsConfiguration}): the gateway answers a preflight itself (an {@code OPTIONS} request
 * with {@code Origin} and {@code Access-Control-Request-Method}), whatever the routes: 204 with the configured
 * {@code access-control-allow-*} headers when the origin and the method are allowed, 204 without them otherwise. On
 * other responses it drops the CORS headers the function returned and, when the request's {@code Origin} is allowed,
 * adds {@code access-control-allow-origin} (and {@code -allow-credentials}, {@code -expose-headers}). Allowed origins
 * may be {@code *}, exact origins, or a wildcard subdomain such as {@code https://*.example.com}.
 *
 * <p><b>REST API</b> ({@code Cors} of {@code AWS::Serverless::Api}): SAM adds to every path an {@code OPTIONS} method
 * with a mock integration answering 200 with the configured headers, unconditionally; {@code Allow-Methods} defaults
 * to the path's methods plus {@code OPTIONS} (every method for {@code ANY}), sorted. Other responses are the
 * function's own: a REST API adds no CORS header to a proxy response.
 */
final class Cors {

    static final List<String> ALL_METHODS = List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");

    private Cors() {
    }

    static boolean isPreflight(HttpFrontEnd.Request request) {
        return request.method().equals("OPTIONS") && request.header("origin") != null
                && request.header("access-control-request-method") != null;
    }

    /** HTTP API's own answer to a preflight. */
    static GatewayReply httpPreflight(CorsConfig cors, String origin, String requestedMethod) {
        var headers = new ArrayList<Map.Entry<String, String>>();
        String allowOrigin = allowOrigin(cors, origin);
        boolean methodAllowed = cors.allowMethods().stream()
                .anyMatch(m -> m.equals("*") || m.equalsIgnoreCase(requestedMethod.strip()));
        if (allowOrigin != null && methodAllowed) {
            headers.add(Map.entry("access-control-allow-origin", allowOrigin));
            headers.add(Map.entry("access-control-allow-methods", String.join(",", cors.allowMethods())));
            if (!cors.allowHeaders().isEmpty()) {
                headers.add(Map.entry("access-control-allow-headers", String.join(",", cors.allowHeaders())));
            }
            cors.maxAge().ifPresent(age -> headers.add(Map.entry("access-control-max-age", Integer.toString(age))));
            if (cors.allowCredentials()) {
                headers.add(Map.entry("access-control-allow-credentials", "true"));
            }
        }
        return new GatewayReply(204, headers, new byte[0]);
    }

    /** An HTTP API response with the function's CORS headers replaced by the configured ones. */
    static GatewayReply httpResponse(CorsConfig cors, String origin, GatewayReply reply) {
        var headers = new ArrayList<Map.Entry<String, String>>();
        for (var h : reply.headers()) {
            if (!h.getKey().toLowerCase(Locale.ROOT).startsWith("access-control-")) {
                headers.add(h);
            }
        }
        String allowOrigin = origin == null ? null : allowOrigin(cors, origin);
        if (allowOrigin != null) {
            headers.add(Map.entry("access-control-allow-origin", allowOrigin));
            if (cors.allowCredentials()) {
                headers.add(Map.entry("access-control-allow-credentials", "true"));
            }
            if (!cors.exposeHeaders().isEmpty()) {
                headers.add(Map.entry("access-control-expose-headers", String.join(",", cors.exposeHeaders())));
            }
        }
        return new GatewayReply(reply.status(), headers, reply.body());
    }

    /** The mock integration SAM generates for a REST API path's {@code OPTIONS}. */
    static GatewayReply restPreflight(CorsConfig cors, Collection<String> pathMethods) {
        var headers = new ArrayList<Map.Entry<String, String>>();
        headers.add(Map.entry("Content-Type", "application/json"));
        headers.add(Map.entry("Access-Control-Allow-Origin", String.join(",", cors.allowOrigins())));
        if (!cors.allowHeaders().isEmpty()) {
            headers.add(Map.entry("Access-Control-Allow-Headers", String.join(",", cors.allowHeaders())));
        }
        String methods;
        if (!cors.allowMethods().isEmpty()) {
            methods = String.join(",", cors.allowMethods());
        } else if (pathMethods.contains("ANY")) {
            methods = String.join(",", ALL_METHODS);
        } else {
            var set = new TreeSet<>(pathMethods);
            set.add("OPTIONS");
            methods = String.join(",", set);
        }
        headers.add(Map.entry("Access-Control-Allow-Methods", methods));
        cors.maxAge().ifPresent(age -> headers.add(Map.entry("Access-Control-Max-Age", Integer.toString(age))));
        if (cors.allowCredentials()) {
            headers.add(Map.entry("Access-Control-Allow-Credentials", "true"));
        }
        return new GatewayReply(200, headers, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The {@code access-control-allow-origin} value for {@code origin}, or null when it is not allowed. */
    static String allowOrigin(CorsConfig cors, String origin) {
        for (String allowed : cors.allowOrigins()) {
            if (allowed.equals("*")) {
                return "*";
            }
            if (allowed.equalsIgnoreCase(origin) || allowed.contains("*") && Pattern.compile(
                    Pattern.quote(allowed).replace("*", "\\E[^/]+\\Q"), Pattern.CASE_INSENSITIVE).matcher(origin).matches()) {
                return origin;
            }
        }
        return null;
    }
}
