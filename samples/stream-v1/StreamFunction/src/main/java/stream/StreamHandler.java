package stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;

/**
 * Reads the raw API Gateway event (HTTP API, payload format 1.0) from the stream and writes a
 * payload-1.0 response object back, with no event classes in between: what is in the JSON is all
 * the handler sees, and what it writes is exactly what API Gateway gets.
 */
public class StreamHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = JSON.std.mapFrom(input);
        // With payload format 1.0, "resource" is the path of the matched route.
        Object resource = event.get("resource");
        Map<String, Object> response;
        if ("/stream/echo".equals(resource)) {
            response = echo(event);
        } else if ("/stream/binary".equals(resource)) {
            response = binary();
        } else {
            response = new LinkedHashMap<>();
            response.put("statusCode", 404);
            response.put("headers", Map.of("Content-Type", "application/json"));
            response.put("body", JSON.std.asString(Map.of("message", "no route for resource " + resource)));
            response.put("isBase64Encoded", false);
        }
        // Serialize first, then write: the runtime owns the stream, so we neither close it nor leave it half written.
        output.write(JSON.std.asBytes(response));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> echo(Map<String, Object> event) throws IOException {
        Map<String, Object> requestContext = (Map<String, Object>) event.getOrDefault("requestContext", Map.of());

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", event.get("version"));
        body.put("httpMethod", event.get("httpMethod"));
        body.put("path", event.get("path"));
        body.put("resource", event.get("resource"));
        body.put("stage", requestContext.get("stage"));
        body.put("multiValueQueryStringParameters", event.get("multiValueQueryStringParameters"));
        // Set by the Lambda runtime, not by the template: shows the emulator provides the reserved variables.
        body.put("functionName", System.getenv("AWS_LAMBDA_FUNCTION_NAME"));

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", 200);
        response.put("headers", Map.of("Content-Type", "application/json"));
        // Headers that need more than one value (Set-Cookie above all) only fit in multiValueHeaders in 1.0.
        response.put("multiValueHeaders", Map.of(
                "Set-Cookie", List.of("flavour=oatmeal; Path=/", "colour=blue; Path=/"),
                "X-Multi", List.of("first", "second")));
        response.put("body", JSON.std.asString(body));
        response.put("isBase64Encoded", false);
        return response;
    }

    private static Map<String, Object> binary() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/octet-stream");
        String cacheSeconds = System.getenv("BINARY_CACHE_SECONDS");
        if (cacheSeconds != null && !cacheSeconds.isBlank()) {
            headers.put("Cache-Control", "max-age=" + cacheSeconds.strip());
        }

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", 200);
        response.put("headers", headers);
        // Every byte value once, so any text decoding on the way (UTF-8 or otherwise) shows up as damage.
        response.put("body", Base64.getEncoder().encodeToString(bytes));
        response.put("isBase64Encoded", true);
        return response;
    }
}
