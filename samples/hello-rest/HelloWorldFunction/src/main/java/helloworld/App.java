package helloworld;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.jr.ob.JSON;

/**
 * One handler for the three routes of the REST API. API Gateway tells them apart by the matched
 * {@code resource} (the route template), not by the concrete path, so that is what we switch on.
 */
public class App implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    /** Writes null values too: a field the event or the environment lacks shows as {@code null}. */
    private static final JSON JSON_WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

    @Override
    public APIGatewayProxyResponseEvent handleRequest(final APIGatewayProxyRequestEvent input, final Context context) {
        String resource = input.getResource() == null ? "" : input.getResource();
        return switch (resource) {
            case "/hello" -> hello(input, context, "world");
            case "/hello/{name}" -> hello(input, context, pathParameter(input, "name"));
            case "/proxy/{proxy+}" -> echo(input);
            default -> respond(404, message("no route for resource " + resource));
        };
    }

    private APIGatewayProxyResponseEvent hello(APIGatewayProxyRequestEvent input, Context context, String name) {
        // Read per invocation, not cached in a field: what the template sets is what the response shows.
        String greeting = System.getenv().getOrDefault("GREETING", "Hello");
        String param1 = System.getenv("PARAM1");

        long sleepMs = 0;
        String sleep = queryParameter(input, "sleep");
        if (sleep != null) {
            try {
                sleepMs = Long.parseLong(sleep);
            } catch (NumberFormatException e) {
                return respond(400, message("sleep must be a whole number of milliseconds"));
            }
            if (sleepMs < 0 || sleepMs > 10_000) {
                return respond(400, message("sleep must be between 0 and 10000"));
            }
        }
        // Lets a caller hold one invocation open, to see whether a second request is served alongside it.
        long started = System.currentTimeMillis();
        if (sleepMs > 0) {
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", greeting + ", " + name);
        body.put("param1", param1);
        body.put("sleptMs", sleepMs);
        body.put("startedAt", started);
        body.put("requestId", context == null ? null : context.getAwsRequestId());
        return respond(200, json(body));
    }

    private APIGatewayProxyResponseEvent echo(APIGatewayProxyRequestEvent input) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("method", input.getHttpMethod());
        body.put("path", input.getPath());
        body.put("resource", input.getResource());
        body.put("pathParameters", input.getPathParameters());
        body.put("multiValueQueryStringParameters", input.getMultiValueQueryStringParameters());
        body.put("stage", input.getRequestContext() == null ? null : input.getRequestContext().getStage());
        body.put("body", input.getBody());
        body.put("isBase64Encoded", input.getIsBase64Encoded());
        return respond(200, json(body));
    }

    private static String message(String text) {
        return json(Map.of("message", text));
    }

    private static String json(Map<String, ?> body) {
        try {
            return JSON_WRITER.asString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // plain Maps, Lists, strings and numbers always serialise
        }
    }

    private static APIGatewayProxyResponseEvent respond(int status, String json) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json", "X-Custom-Header", "application/json"))
                .withBody(json);
    }

    private static String pathParameter(APIGatewayProxyRequestEvent input, String name) {
        Map<String, String> params = input.getPathParameters();
        return params == null ? null : params.get(name);
    }

    private static String queryParameter(APIGatewayProxyRequestEvent input, String name) {
        Map<String, String> params = input.getQueryStringParameters();
        return params == null ? null : params.get(name);
    }
}
