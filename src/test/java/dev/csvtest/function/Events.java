package dev.csvtest.function;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

/** Payload 2.0 events for {@code GET /csv_test}, built the way HTTP API builds them. */
final class Events {

    private Events() {
    }

    /**
     * An event for {@code GET /csv_test?<rawQuery>}: {@code rawQueryString} as given, and
     * {@code queryStringParameters} decoded with repeated keys joined by commas, as HTTP API does.
     */
    static APIGatewayV2HTTPEvent get(String rawQuery) {
        return event(rawQuery, parameters(rawQuery));
    }

    static APIGatewayV2HTTPEvent event(String rawQuery, Map<String, String> parameters) {
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod("GET").withPath("/csv_test").withProtocol("HTTP/1.1")
                .withSourceIp("127.0.0.1").withUserAgent("junit").build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(http).withRouteKey("GET /csv_test").withStage("$default")
                .withRequestId("test-api-request").build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey("GET /csv_test").withRawPath("/csv_test")
                .withRawQueryString(rawQuery)
                .withQueryStringParameters(parameters)
                .withRequestContext(context)
                .build();
    }

    private static Map<String, String> parameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        var parameters = new LinkedHashMap<String, String>();
        for (var pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            var key = decode(eq < 0 ? pair : pair.substring(0, eq));
            var value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.merge(key, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // HTTP API passes undecodable values through
        }
    }
}
