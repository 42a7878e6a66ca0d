package dev.csvtest.local.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.csvtest.local.template.ApiSpec;

/**
 * What the gateway sends back: status, headers (names written as given; a name may repeat, e.g. {@code set-cookie})
 * and body bytes.
 */
public record GatewayReply(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    /**
     * The words of API Gateway's own error bodies for a status, as an HTTP API and as a REST API write them; any other
     * status says {@code Error}.
     */
    private enum Wording {
        PAYLOAD_TOO_LARGE(413, "Request Entity Too Large", "Error"),
        TOO_MANY_REQUESTS(429, "Too Many Requests", "Too Many Requests"),
        INTERNAL_ERROR(500, "Internal Server Error", "Internal server error"),
        BAD_GATEWAY(502, "Bad Gateway", "Internal server error"),
        UNAVAILABLE(503, "Service Unavailable", "Error"),
        TIMEOUT(504, "Gateway Timeout", "Endpoint request timed out");

        private final int status;
        private final String http;
        private final String rest;

        Wording(int status, String http, String rest) {
            this.status = status;
            this.http = http;
            this.rest = rest;
        }

        static String of(ApiSpec.Kind kind, int status) {
            for (var wording : values()) {
                if (wording.status == status) {
                    return kind == ApiSpec.Kind.REST ? wording.rest : wording.http;
                }
            }
            return "Error";
        }
    }

    /** HTTP API's own JSON error replies (and REST's 403), e.g. {@code {"message":"Not Found"}}. */
    public static GatewayReply message(int status, String message) {
        return json(status, "{\"message\":\"" + message + "\"}");
    }

    /** An error of the gateway's own (throttling, an integration timeout) as this kind of API words it. */
    public static GatewayReply forStatus(ApiSpec.Kind kind, int status) {
        String words = Wording.of(kind, status);
        // A REST API's error bodies have a space after the colon: {"message": "Internal server error"}.
        return kind == ApiSpec.Kind.REST ? json(status, "{\"message\": \"" + words + "\"}") : message(status, words);
    }

    /**
     * The function failed, or answered something that is no proxy response: an HTTP API answers 500
     * {@code Internal Server Error}, a REST API 502 {@code Internal server error}.
     */
    public static GatewayReply integrationFailed(ApiSpec.Kind kind) {
        return forStatus(kind, kind == ApiSpec.Kind.REST ? 502 : 500);
    }

    /** An error in the local stack itself, where API Gateway's own service would fail: 500. */
    public static GatewayReply internalServerError() {
        return forStatus(ApiSpec.Kind.HTTP, 500);
    }

    /** HTTP API, no route for the request. */
    public static GatewayReply notFound() {
        return message(404, "Not Found");
    }

    /** REST API, no resource and method for the request: {@code 403 {"message":"Missing Authentication Token"}}. */
    public static GatewayReply missingAuthenticationToken() {
        return message(403, "Missing Authentication Token");
    }

    private static GatewayReply json(int status, String body) {
        var headers = new ArrayList<Map.Entry<String, String>>();
        headers.add(Map.entry("content-type", "application/json"));
        return new GatewayReply(status, headers, body.getBytes(UTF_8));
    }

    /** The same reply with more headers after its own. */
    public GatewayReply withHeaders(List<Map.Entry<String, String>> more) {
        var all = new ArrayList<>(headers);
        all.addAll(more);
        return new GatewayReply(status, all, body);
    }

    Map<String, String> headerMap() {
        var map = new LinkedHashMap<String, String>();
        headers.forEach(e -> map.merge(e.getKey(), e.getValue(), (a, b) -> a + "," + b));
        return map;
    }
}
