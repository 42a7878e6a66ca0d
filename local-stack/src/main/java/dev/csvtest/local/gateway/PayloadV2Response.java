package dev.csvtest.local.gateway;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.csvtest.local.lambda.Payload;
import dev.csvtest.local.template.ApiSpec;

/**
 * Maps a Lambda response to HTTP the way HTTP API does for payload format 2.0.
 *
 * <ul>
 *   <li>A JSON object with {@code statusCode}: status, {@code headers} (names as the function wrote them), each
 *       {@code cookies} entry as its own {@code set-cookie}, {@code body} (base64-decoded when
 *       {@code isBase64Encoded}).</li>
 *   <li>Any other valid JSON (no {@code statusCode}): the "inferred" format, 200 {@code application/json} with the
 *       response itself as the body.</li>
 *   <li>Anything malformed (not JSON, a bad status, bad base64): 500 {@code Internal Server Error}, and a log line.</li>
 * </ul>
 */
public final class PayloadV2Response {

    private PayloadV2Response() {
    }

    public static GatewayReply map(Payload payload, Consumer<String> log) {
        Object parsed;
        try {
            parsed = LambdaResponse.parse(payload);
        } catch (IllegalArgumentException e) {
            log.accept("malformed Lambda proxy response (" + e.getMessage() + "): answering 500");
            return GatewayReply.integrationFailed(ApiSpec.Kind.HTTP);
        }
        if (!(parsed instanceof Map<?, ?> response) || !response.containsKey("statusCode")) {
            var headers = new ArrayList<Map.Entry<String, String>>();
            headers.add(Map.entry("content-type", "application/json"));
            return new GatewayReply(200, headers, payload.bytes());
        }
        int status;
        try {
            status = Integer.parseInt(String.valueOf(response.get("statusCode")));
        } catch (NumberFormatException e) {
            status = -1;
        }
        if (status < 100 || status > 599) {
            log.accept("malformed Lambda proxy response: statusCode " + response.get("statusCode") + ": answering 500");
            return GatewayReply.integrationFailed(ApiSpec.Kind.HTTP);
        }
        var headers = new ArrayList<Map.Entry<String, String>>();
        if (response.get("headers") instanceof Map<?, ?> h) {
            h.forEach((k, v) -> {
                if (v != null) {
                    headers.add(Map.entry(String.valueOf(k), scalar(v)));
                }
            });
        }
        if (response.get("cookies") instanceof List<?> cookies) {
            cookies.forEach(c -> headers.add(Map.entry("set-cookie", String.valueOf(c))));
        }
        Object rawBody = response.get("body");
        byte[] body;
        if (rawBody == null) {
            body = new byte[0];
        } else if (Boolean.TRUE.equals(response.get("isBase64Encoded"))) {
            try {
                body = Base64.getDecoder().decode(LambdaResponse.bodyBytes(rawBody));
            } catch (IllegalArgumentException e) {
                log.accept("malformed Lambda proxy response: body is not base64 but isBase64Encoded is true: answering 500");
                return GatewayReply.integrationFailed(ApiSpec.Kind.HTTP);
            }
        } else {
            body = LambdaResponse.bodyBytes(rawBody);
        }
        return new GatewayReply(status, headers, body);
    }

    static String scalar(Object v) {
        return v instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : String.valueOf(v);
    }
}
