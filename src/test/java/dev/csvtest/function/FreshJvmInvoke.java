package dev.csvtest.function;

import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

/**
 * Runs in a fresh JVM whose classpath is this class plus exactly what the Lambda zip holds ({@code target/classes}
 * and {@code target/lib/*.jar}), as the Lambda runtime would: the no-argument constructor reads the process
 * environment, then one {@code GET /csv_test?delay=<arg>} is served.
 *
 * <p>Prints {@code constructMs=}, {@code firstInvokeMs=}, {@code status=}, {@code body=} and each {@code log=} line
 * to stdout; whatever else the function or its libraries print lands in the JVM's own stdout and stderr, which is
 * what the caller checks. Used by {@link RuntimeJarsTest} and for the cold-start figures in docs/client-choice.md.
 * Uses nothing from the test classpath: only the JDK and the Lambda interfaces.
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
        var response = handler.handleRequest(event, new FixedContext(System.nanoTime() + 25_000_000_000L));
        long invoked = System.nanoTime();
        System.out.println("constructMs=" + (constructed - start) / 1_000_000);
        System.out.println("firstInvokeMs=" + (invoked - constructed) / 1_000_000);
        System.out.println("status=" + response.getStatusCode());
        var body = response.getBody();
        System.out.println("body=" + (body.length() > 200 ? body.substring(0, 200) + "…" : body).replace('\n', ' '));
        handler.close();
        System.exit(0);
    }

    /** A Lambda context with a 25 s Timeout whose logger prints each line as {@code log=<line>}. */
    private record FixedContext(long deadlineNanos) implements Context {
        @Override public String getAwsRequestId() { return "fresh-jvm-1"; }
        @Override public String getLogGroupName() { return "/aws/lambda/CsvTestFunction"; }
        @Override public String getLogStreamName() { return "fresh-jvm"; }
        @Override public String getFunctionName() { return "CsvTestFunction"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:CsvTestFunction"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getMemoryLimitInMB() { return 512; }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.println("log=" + message);
                }

                @Override
                public void log(byte[] message) {
                    log(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
