package sample;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Answers "<version> <GREETING>" after sleeping ?ms=N; the hot reload tests edit VERSION and rebuild. */
public final class Greeter implements RequestHandler<Map<String, Object>, Greeter.Reply> {

    static final String VERSION = "v1";

    @Override
    public Reply handleRequest(Map<String, Object> event, Context context) {
        @SuppressWarnings("unchecked")
        var query = (Map<String, String>) event.getOrDefault("queryStringParameters", Map.of());
        try {
            Thread.sleep(Long.parseLong(query.getOrDefault("ms", "0")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Reply(200, VERSION + " " + System.getenv("GREETING"));
    }

    /** A type of the function's own: its serializer must not outlive the code that defined it. */
    public record Reply(int statusCode, String body) {
    }
}
