package dev.csvtest.local.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.csvtest.local.template.ApiSpec;
import dev.csvtest.local.template.RouteSpec;
import dev.csvtest.local.template.StackIdentity;

/**
 * Builds the payload format 1.0 event: what a REST API's Lambda proxy integration sends, and what an HTTP API sends
 * a route whose {@code PayloadFormatVersion} is {@code 1.0} (the same shape, plus {@code "version": "1.0"}, and HTTP
 * API's own request context: request ids of its kind, no {@code resourceId}).
 *
 * <ul>
 *   <li>{@code headers} / {@code multiValueHeaders}: names as the client sent them; a repeated header is a list in
 *       {@code multiValueHeaders} and its last value in {@code headers}. {@code Cookie} stays a header.</li>
 *   <li>{@code queryStringParameters} / {@code multiValueQueryStringParameters}: URL-decoded; a repeated key's last
 *       value and all its values. Absent parts are {@code null}, as API Gateway sends them.</li>
 *   <li>{@code path} is the path without the stage; {@code requestContext.path} has the stage in front, as API
 *       Gateway shows it for a REST API called on its {@code execute-api} domain.</li>
 *   <li>The body: REST APIs base64-encode it when the request {@code Content-Type} is one of the API's
 *       {@code BinaryMediaTypes}, else pass it as UTF-8 text; HTTP APIs base64-encode what is not text.</li>
 * </ul>
 */
public final class PayloadV1Event {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private PayloadV1Event() {
    }

    /** The ids API Gateway gives one request: REST's is a UUID plus an extended id; HTTP API's is one short id. */
    public record RequestIds(String requestId, String extendedRequestId) {

        public static RequestIds of(ApiSpec.Kind kind) {
            String shortId = PayloadV2Event.newRequestId();
            return kind == ApiSpec.Kind.REST ? new RequestIds(UUID.randomUUID().toString(), shortId)
                    : new RequestIds(shortId, shortId);
        }
    }

    public static Map<String, Object> build(IncomingRequest request, RouteSpec route, Map<String, String> pathParameters,
                                            RequestIds ids, Instant now) {
        ApiSpec api = route.api();
        var multiHeaders = new LinkedHashMap<String, List<String>>();
        request.headers().forEach((name, values) -> multiHeaders.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        addIfAbsent(multiHeaders, "X-Forwarded-For", request.sourceIp());
        addIfAbsent(multiHeaders, "X-Forwarded-Port", Integer.toString(request.localPort()));
        addIfAbsent(multiHeaders, "X-Forwarded-Proto", "http");
        addIfAbsent(multiHeaders, "X-Amzn-Trace-Id", PayloadV2Event.traceId(now));
        var headers = new LinkedHashMap<String, String>();
        multiHeaders.forEach((name, values) -> headers.put(name, values.getLast()));

        var multiQuery = new LinkedHashMap<String, List<String>>();
        for (String pair : request.rawQuery().split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                multiQuery.computeIfAbsent(PayloadV2Event.decode(eq < 0 ? pair : pair.substring(0, eq)), k -> new ArrayList<>())
                        .add(eq < 0 ? "" : PayloadV2Event.decode(pair.substring(eq + 1)));
            }
        }
        var query = new LinkedHashMap<String, String>();
        multiQuery.forEach((k, v) -> query.put(k, v.getLast()));

        String hostName = PayloadV2Event.hostName(header(headers, "host"), request.localPort());
        String userAgent = header(headers, "user-agent");
        var identity = new LinkedHashMap<String, Object>();
        for (String key : List.of("cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "apiKey", "apiKeyId",
                "accessKey", "principalOrgId", "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn", "user")) {
            identity.put(key, null);
        }
        identity.put("sourceIp", request.sourceIp());
        identity.put("userAgent", userAgent == null ? "" : userAgent);

        var context = new LinkedHashMap<String, Object>();
        context.put("accountId", StackIdentity.ACCOUNT_ID);
        context.put("apiId", PayloadV2Event.API_ID);
        context.put("domainName", hostName);
        context.put("domainPrefix", PayloadV2Event.domainPrefix(hostName));
        context.put("extendedRequestId", ids.extendedRequestId());
        context.put("httpMethod", request.method());
        context.put("identity", identity);
        context.put("path", api.rest() ? "/" + api.stageName() + request.rawPath() : request.rawPath());
        context.put("protocol", request.protocol());
        context.put("requestId", ids.requestId());
        context.put("requestTime", TIME.format(now));
        context.put("requestTimeEpoch", now.toEpochMilli());
        context.put("resourceId", api.rest() ? resourceId(route.path()) : null);
        context.put("resourcePath", route.path());
        context.put("stage", api.stageName());

        var event = new LinkedHashMap<String, Object>();
        if (!api.rest()) {
            event.put("version", "1.0");
        }
        event.put("resource", route.path());
        event.put("path", request.rawPath());
        event.put("httpMethod", request.method());
        event.put("headers", headers);
        event.put("multiValueHeaders", multiHeaders);
        event.put("queryStringParameters", query.isEmpty() ? null : query);
        event.put("multiValueQueryStringParameters", multiQuery.isEmpty() ? null : multiQuery);
        event.put("requestContext", context);
        event.put("pathParameters", pathParameters.isEmpty() ? null : pathParameters);
        event.put("stageVariables", api.stageVariables().isEmpty() ? null : api.stageVariables());
        String contentType = header(headers, "content-type");
        boolean base64 = request.body().length > 0 && (api.rest()
                ? MediaTypes.matches(contentType, api.binaryMediaTypes())
                : !PayloadV2Event.isText(contentType));
        event.put("body", request.body().length == 0 ? null
                : base64 ? Base64.getEncoder().encodeToString(request.body()) : new String(request.body(), UTF_8));
        event.put("isBase64Encoded", base64);
        return event;
    }

    private static void addIfAbsent(Map<String, List<String>> headers, String name, String value) {
        if (headers.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
            headers.put(name, new ArrayList<>(List.of(value)));
        }
    }

    private static String header(Map<String, String> headers, String name) {
        for (var e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** A REST resource's id: six lower-case letters and digits, the same for the same resource path. */
    static String resourceId(String resourcePath) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        long h = resourcePath.hashCode() & 0xffffffffL;
        var id = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            id.append(alphabet.charAt((int) (h % alphabet.length())));
            h = h / alphabet.length() + 7919L * (i + 1);
        }
        return id.toString();
    }
}
