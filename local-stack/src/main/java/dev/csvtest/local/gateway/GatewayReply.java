package dev.csvtest.local.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gateway sends back: status, headers (names written as given; a name may repeat, e.g. {@code set-cookie})
 * and body bytes.
 */
public record GatewayReply(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    /** HTTP API's own JSON error replies (and REST's 403), e.g. {@code {"message":"Not Found"}}. */
    public static GatewayReply message(int status, String message) {
        return json(status, "{\"message\":\"" + message + "\"}");
    }

    /** REST API's own error replies for integration failures, e.g. {@code {"message": "Internal server error"}}. */
    public static GatewayReply restMessage(int status, String message) {
        return json(status, "{\"message\": \"" + message + "\"}");
    }

    private static GatewayReply json(int status, String body) {
        var headers = new ArrayList<Map.Entry<String, String>>();
        headers.add(Map.entry("content-type", "application/json"));
        return new GatewayReply(status, headers, body.getBytes(UTF_8));
    }

    /** REST API, no resource and method for the request: {@code 403 {"message":"Missing Authentication Token"}}. */
    public static GatewayReply missingAuthenticationToken() {
        return message(403, "Missing Authentication Token");
    }

    /** REST API, the function failed or answered something that is no proxy response. */
    public static GatewayReply restInternalServerError() {
        return restMessage(502, "Internal server error");
    }

    /** REST API, the integration timeout (29 s by default) passed. */
    public static GatewayReply endpointRequestTimedOut() {
        return restMessage(504, "Endpoint request timed out");
    }

    /** REST API, an error status of the gateway's own (e.g. Lambda throttling): its message for that status. */
    public static GatewayReply restForStatus(int status) {
        return restMessage(status, switch (status) {
            case 500, 502 -> "Internal server error";
            case 429 -> "Too Many Requests";
            case 504 -> "Endpoint request timed out";
            default -> "Error";
        });
    }

    /** The same reply with more headers after its own. */
    public GatewayReply withHeaders(List<Map.Entry<String, String>> more) {
        var all = new ArrayList<>(headers);
        all.addAll(more);
        return new GatewayReply(status, all, body);
    }

    public static GatewayReply notFound() {
        return message(404, "Not Found");
    }

    public static GatewayReply internalServerError() {
        return message(500, "Internal Server Error");
    }

    /** The standard reason phrase API Gateway uses in its error bodies for {@code status}. */
    public static GatewayReply forStatus(int status) {
        return message(status, switch (status) {
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 413 -> "Request Entity Too Large";
            default -> "Error";
        });
    }

    Map<String, String> headerMap() {
        var map = new LinkedHashMap<String, String>();
        headers.forEach(e -> map.merge(e.getKey(), e.getValue(), (a, b) -> a + "," + b));
        return map;
    }
}
