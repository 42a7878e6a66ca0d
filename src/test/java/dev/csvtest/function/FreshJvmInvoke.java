package dev.csvtest.function;

import java.time.Duration;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import dev.csvtest.testkit.TestContext;

/**
 * Runs in a fresh JVM ({@link FreshJvm}) whose classpath is this class, the test kit's classes and the runtime's jar plus
 * exactly what the Lambda zip holds ({@code target/classes} and {@code target/lib/*.jar}), as the Lambda runtime would: the
 * no-argument constructor reads the process environment, then one {@code GET /csv_test?delay=<arg>} is served.
 *
 * <p>Prints {@code constructMs=}, {@code firstInvokeMs=}, {@code status=}, {@code body=} and each {@code log=} line
 * to stdout; whatever else the function or its libraries print lands in the JVM's own stdout and stderr, which is
 * what the caller checks. Used by {@link RuntimeJarsTest} and for the cold-start figures in docs/client-choice.md.
 * Of the test classpath it uses only the test kit's {@link TestContext} (the runtime's own Context class).
 */
public final class FreshJvmInvoke {

    private FreshJvmInvoke() {
    }

    public static void main(String[] args) {
        var query = "delay=" + (args.length > 0 ? args[0] : "0");
        long start = System.nanoTime();
        var handler = new CsvTestHandler();
        long constructed = System.nanoTime();
        var event = new APIGatewayV2HTTPEvent();
        event.setRawQueryString(query);
        var context = TestContext.withTimeout(Duration.ofSeconds(25));
        var response = handler.handleRequest(event, context);
        long invoked = System.nanoTime();
        context.logLines().forEach(line -> System.out.println("log=" + line));
        System.out.println("constructMs=" + (constructed - start) / 1_000_000);
        System.out.println("firstInvokeMs=" + (invoked - constructed) / 1_000_000);
        System.out.println("status=" + response.getStatusCode());
        var body = response.getBody();
        System.out.println("body=" + (body.length() > 200 ? body.substring(0, 200) + "…" : body).replace('\n', ' '));
        handler.close();
        System.exit(0);
    }
}
