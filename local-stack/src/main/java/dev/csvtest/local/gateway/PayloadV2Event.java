package dev.csvtest.local.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLDecoder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import dev.csvtest.local.template.StackIdentity;

/**
 * Builds the HTTP API payload format 2.0 event for one request, exactly as API Gateway does: header names lower
 * case with repeated headers comma-joined, {@code cookie} moved into {@code cookies}, {@code rawQueryString} as
 * received, {@code queryStringParameters} URL-decoded with repeated keys comma-joined, and a full
 * {@code requestContext}. Text bodies go as is; other bodies base64 with {@code isBase64Encoded: true}.
 */
public final class PayloadV2Event {

    /** The API id the local API pretends to have (its account is {@link StackIdentity#ACCOUNT_ID}). */
    public static final String API_ID = "localapi01";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private PayloadV2Event() {
    }

    /**
     * @param routeKey       the matched route key ({@code GET /csv_test})
     * @param pathParameters values of the route's {@code {name}} segments (empty if none)
     * @param requestId      API Gateway's request id (also sent back as {@code apigw-requestid})
     * @param now            the request's arrival time
     */
    public static Map<String, Object> build(IncomingRequest request, String routeKey, Map<String, String> pathParameters,
                                            String requestId, Instant now) {
        return build(request, routeKey, pathParameters, requestId, now, "$default", Map.of());
    }

    /** The same, for an HTTP API stage other than {@code $default} and with that stage's variables. */
    public static Map<String, Object> build(IncomingRequest request, String routeKey, Map<String, String> pathParameters,
                                            String requestId, Instant now, String stage, Map<String, String> stageVariables) {
        var headers = new TreeMap<String, String>();
        var cookies = new ArrayList<String>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String value : values) {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.strip());
                        }
                    }
                }
                return;
            }
            headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
        });
        headers.putIfAbsent("x-forwarded-for", request.sourceIp());
        headers.putIfAbsent("x-forwarded-port", Integer.toString(request.localPort()));
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-amzn-trace-id", traceId(now));

        String hostName = hostName(headers.get("host"), request.localPort());

        var http = new LinkedHashMap<String, Object>();
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));

        var context = new LinkedHashMap<String, Object>();
        context.put("accountId", StackIdentity.ACCOUNT_ID);
        context.put("apiId", API_ID);
        context.put("domainName", hostName);
        context.put("domainPrefix", domainPrefix(hostName));
        context.put("http", http);
        context.put("requestId", requestId);
        context.put("routeKey", routeKey);
        context.put("stage", stage);
        context.put("time", TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());

        var event = new LinkedHashMap<String, Object>();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery());
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        event.put("headers", headers);
        if (!request.rawQuery().isEmpty()) {
            event.put("queryStringParameters", queryParameters(request.rawQuery()));
        }
        event.put("requestContext", context);
        if (!pathParameters.isEmpty()) {
            event.put("pathParameters", pathParameters);
        }
        boolean base64 = request.body().length > 0 && !isText(headers.get("content-type"));
        if (request.body().length > 0) {
            event.put("body", base64 ? Base64.getEncoder().encodeToString(request.body()) : new String(request.body(), UTF_8));
        }
        event.put("isBase64Encoded", base64);
        if (!stageVariables.isEmpty()) {
            event.put("stageVariables", stageVariables);
        }
        return event;
    }

    /** The host name of the {@code Host} header ({@code 127.0.0.1}, {@code [::1]}), without the port. */
    static String hostName(String host, int localPort) {
        String h = host == null || host.isBlank() ? "127.0.0.1:" + localPort : host.strip();
        return h.startsWith("[") ? h.substring(0, h.indexOf(']') + 1) : h.split(":")[0];
    }

    static String domainPrefix(String hostName) {
        return hostName.contains(".") ? hostName.substring(0, hostName.indexOf('.')) : hostName;
    }

    /** Repeated keys comma-joined, keys and values URL-decoded; a key without {@code =} has an empty value. */
    public static Map<String, String> queryParameters(String rawQuery) {
        var params = new LinkedHashMap<String, String>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.merge(key, value, (a, b) -> a + "," + b);
        }
        return params;
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }

    static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.contains("javascript")
                || type.startsWith("application/x-www-form-urlencoded") || type.contains("charset=");
    }

    /** An API Gateway style request id: 16 base64 characters, e.g. {@code JKJaXmPLvHcESHA=}. */
    public static String newRequestId() {
        byte[] bytes = new byte[10];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).replace('/', 'x').replace('+', 'z');
    }

    static String traceId(Instant now) {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-" + HexFormat.of().formatHex(bytes);
    }

    /** For {@code event} generation on the command line: the request headers a plain curl would send. */
    public static Map<String, List<String>> curlHeaders(int port) {
        var headers = new LinkedHashMap<String, List<String>>();
        headers.put("Host", List.of("127.0.0.1:" + port));
        headers.put("User-Agent", List.of("curl/8.5.0"));
        headers.put("Accept", List.of("*/*"));
        return headers;
    }
}
