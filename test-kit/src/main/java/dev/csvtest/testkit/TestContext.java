package dev.csvtest.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * A Lambda {@link Context} for tests of our handlers: its remaining time really counts down, and its logger keeps
 * the lines for assertions.
 */
public final class TestContext implements Context {

    /** The log stream name every test context reports (the seeder uses it as a fallback physical resource id). */
    public static final String LOG_STREAM = "2026/11/27/[$LATEST]0123456789abcdef";


    private final String requestId = UUID.randomUUID().toString();
    private final long deadlineNanos;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private TestContext(Duration timeout) {
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    /** A context for an invocation that started now, with this function Timeout. */
    public static TestContext withTimeout(Duration timeout) {
        return new TestContext(timeout);
    }

    /** The usual test invocation: 10 s, comfortably above any delay the tests use. */
    public static TestContext standard() {
        return withTimeout(Duration.ofSeconds(10));
    }

    public List<String> logLines() {
        return List.copyOf(lines);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                lines.add(message);
            }

            @Override
            public void log(byte[] message) {
                lines.add(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/CsvTestFunction";
    }

    @Override
    public String getLogStreamName() {
        return LOG_STREAM;
    }

    @Override
    public String getFunctionName() {
        return "CsvTestFunction";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:CsvTestFunction";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }
}
