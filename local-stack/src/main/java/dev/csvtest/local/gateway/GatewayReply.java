package dev.csvtest.local.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the HTTP API sends back: status, headers (a name may repeat, e.g. {@code set-cookie}) and body bytes. */
public record GatewayReply(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    /** API Gateway's own JSON error replies, e.g. {@code {"message":"Not Found"}}. */
    public static GatewayReply message(int status, String message) {
        var headers = new ArrayList<Map.Entry<String, String>>();
        headers.add(Map.entry("content-type", "application/json"));
        return new GatewayReply(status, headers, ("{\"message\":\"" + message + "\"}").getBytes(UTF_8));
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
