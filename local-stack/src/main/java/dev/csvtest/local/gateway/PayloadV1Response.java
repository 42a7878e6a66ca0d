package dev.csvtest.local.gateway;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import dev.csvtest.local.lambda.Payload;
import dev.csvtest.local.template.ApiSpec;

/**
 * Maps a payload format 1.0 Lambda response ({@code statusCode}, {@code headers}, {@code multiValueHeaders},
 * {@code body}, {@code isBase64Encoded}) to HTTP, as a REST API or an HTTP API does:
 *
 * <ul>
 *   <li>{@code multiValueHeaders} first; a {@code headers} entry is added to them unless the same name is there
 *       ("if the same key-value pair is specified in both, only the values from multiValueHeaders will appear").
 *       Names keep the function's case.</li>
 *   <li>A base64 body is decoded by an HTTP API whenever {@code isBase64Encoded} is true; by a REST API only when the
 *       first media type of the request's {@code Accept} is one of the API's {@code BinaryMediaTypes} (otherwise the
 *       client gets the base64 text).</li>
 *   <li>A REST API answers a response with no {@code Content-Type} as {@code application/json}.</li>
 *   <li>Anything else (not a JSON object, an unknown key for a REST API, a bad status, headers that are not an object
 *       of strings, a non-string body for a REST API): a REST API answers 502 {@code {"message": "Internal server
 *       error"}}, an HTTP API 500 {@code {"message":"Internal Server Error"}}; and a log line.</li>
 * </ul>
 */
public final class PayloadV1Response {

    private static final Set<String> REST_KEYS = Set.of("statusCode", "headers", "multiValueHeaders", "body",
            "isBase64Encoded", "base64Encoded");

    private PayloadV1Response() {
    }

    public static GatewayReply map(Payload payload, ApiSpec api, String accept, Consumer<String> log) {
        try {
            return parse(payload, api, accept);
        } catch (IllegalArgumentException malformed) {
            var reply = GatewayReply.integrationFailed(api.kind());
            log.accept("malformed Lambda proxy response (" + malformed.getMessage() + "): answering " + reply.status());
            return reply;
        }
    }

    private static GatewayReply parse(Payload payload, ApiSpec api, String accept) {
        if (!(LambdaResponse.parse(payload) instanceof Map<?, ?> response)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (api.rest()) {
            for (Object key : response.keySet()) {
                if (!REST_KEYS.contains(String.valueOf(key))) {
                    throw new IllegalArgumentException("unknown key " + key);
                }
            }
        } else if (response.get("statusCode") == null) {
            throw new IllegalArgumentException("no statusCode");
        }
        int status = status(response.get("statusCode"));
        var headers = new ArrayList<Map.Entry<String, String>>();
        if (response.get("multiValueHeaders") instanceof Map<?, ?> multi) {
            multi.forEach((k, v) -> {
                if (!(v instanceof List<?> values)) {
                    throw new IllegalArgumentException("multiValueHeaders." + k + " is not a list");
                }
                values.forEach(value -> headers.add(Map.entry(String.valueOf(k), PayloadV2Response.scalar(value))));
            });
        } else if (response.get("multiValueHeaders") != null) {
            throw new IllegalArgumentException("multiValueHeaders is not an object");
        }
        if (response.get("headers") instanceof Map<?, ?> single) {
            single.forEach((k, v) -> {
                String name = String.valueOf(k);
                boolean inMulti = headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase(name));
                if (v != null && !inMulti) {
                    if (v instanceof Map<?, ?> || v instanceof List<?>) {
                        throw new IllegalArgumentException("headers." + k + " is not a string");
                    }
                    headers.add(Map.entry(name, PayloadV2Response.scalar(v)));
                }
            });
        } else if (response.get("headers") != null) {
            throw new IllegalArgumentException("headers is not an object");
        }
        if (api.rest() && headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("content-type"))) {
            headers.add(Map.entry("Content-Type", "application/json"));
        }
        Object rawBody = response.get("body");
        if (api.rest() && rawBody != null && !LambdaResponse.isString(rawBody)) {
            throw new IllegalArgumentException("body is not a string");
        }
        boolean base64 = base64(response, api);
        boolean decode = base64 && (!api.rest() || MediaTypes.matches(MediaTypes.firstAccepted(accept), api.binaryMediaTypes()));
        byte[] body;
        if (decode) {
            try {
                body = Base64.getDecoder().decode(LambdaResponse.bodyBytes(rawBody));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("body is not base64 but isBase64Encoded is true");
            }
        } else {
            body = LambdaResponse.bodyBytes(rawBody);
        }
        return new GatewayReply(status, headers, body);
    }

    private static int status(Object raw) {
        if (raw == null) {
            return 200;
        }
        try {
            int status = Integer.parseInt(PayloadV2Response.scalar(raw));
            if (status >= 100 && status <= 599) {
                return status;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("statusCode " + raw);
    }

    /** REST APIs read {@code base64Encoded} before {@code isBase64Encoded}; both accept a boolean or "true"/"false". */
    private static boolean base64(Map<?, ?> response, ApiSpec api) {
        Object flag = api.rest() && response.get("base64Encoded") != null ? response.get("base64Encoded") : response.get("isBase64Encoded");
        return switch (flag) {
            case null -> false;
            case Boolean b -> b;
            case String s when s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false") -> Boolean.parseBoolean(s);
            default -> throw new IllegalArgumentException("isBase64Encoded " + flag);
        };
    }
}
