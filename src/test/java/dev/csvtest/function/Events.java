package dev.csvtest.function;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import dev.csvtest.local.gateway.PayloadV2Event;

/** Payload 2.0 events for {@code GET /csv_test}, built the way HTTP API builds them. */
final class Events {

    private Events() {
    }

    /**
     * An event for {@code GET /csv_test?<rawQuery>}: {@code rawQueryString} as given, and
     * {@code queryStringParameters} decoded with repeated keys joined by commas, as HTTP API (and the local stack's
     * {@link PayloadV2Event}) does.
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

    /** The local stack's HTTP API is the project's model of how HTTP API decodes a query string. */
    private static Map<String, String> parameters(String rawQuery) {
        return rawQuery == null || rawQuery.isEmpty() ? null : PayloadV2Event.queryParameters(rawQuery);
    }
}
