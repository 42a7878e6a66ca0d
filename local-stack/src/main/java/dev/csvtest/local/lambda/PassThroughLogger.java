package dev.csvtest.local.lambda;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The {@code Context} logger: prefixes nothing, passes the handler's text through to the process output.
 *
 * <p>On Lambda every {@code log} call is one log event, newline or not; here each call ends its line, so a handler that
 * logs without a trailing newline (as {@code CsvTestHandler}'s one JSON line per request does) still gets one line per
 * call instead of lines run together.
 */
final class PassThroughLogger implements LambdaLogger {

    private final PrintStream out;

    PassThroughLogger(PrintStream out) {
        this.out = out;
    }

    @Override
    public void log(String message) {
        synchronized (out) {
            out.print(message);
            if (!message.endsWith("\n")) {
                out.print('\n');
            }
            out.flush();
        }
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
