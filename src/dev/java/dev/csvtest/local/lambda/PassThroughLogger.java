package dev.csvtest.local.lambda;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The {@code Context} logger: prefixes nothing, passes the handler's text through to the process output. */
final class PassThroughLogger implements LambdaLogger {

    private final PrintStream out;

    PassThroughLogger(PrintStream out) {
        this.out = out;
    }

    @Override
    public void log(String message) {
        out.print(message);
        out.flush();
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
