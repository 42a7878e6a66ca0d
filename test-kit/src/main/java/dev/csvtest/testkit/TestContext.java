package dev.csvtest.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.api.client.api.LambdaContext;

/**
 * A Lambda {@code Context} for tests of our handlers: the java21 runtime's own class, so its remaining time really
 * counts down as on Lambda, with a logger that keeps the lines for assertions.
 */
public final class TestContext extends LambdaContext {

    /** The log stream name every test context reports (the seeder uses it as a fallback physical resource id). */
    public static final String LOG_STREAM = "2026/11/27/[$LATEST]0123456789abcdef";

    private static final String FUNCTION = "CsvTestFunction";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LambdaLogger logger = new LambdaLogger() {
        @Override
        public void log(String message) {
            lines.add(message);
        }

        @Override
        public void log(byte[] message) {
            lines.add(new String(message, StandardCharsets.UTF_8));
        }
    };

    private TestContext(Duration timeout) {
        super(512, System.currentTimeMillis() + timeout.toMillis(), UUID.randomUUID().toString(),
                "/aws/lambda/" + FUNCTION, LOG_STREAM, FUNCTION, null, "$LATEST",
                "arn:aws:lambda:us-east-1:000000000000:function:" + FUNCTION, null, null, null);
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
    public LambdaLogger getLogger() {
        return logger;
    }
}
