package dev.csvtest.local;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import dev.csvtest.testkit.HttpProbe;
import dev.csvtest.testkit.ScopedFixture;

/**
 * A local stack serving a template on a free port, and an HTTP probe on its URL: for the test class when registered
 * on a static field, for each test on an instance field.
 */
final class RunningStack extends ScopedFixture {

    private final LocalStackOptions.Builder options;
    private LocalStack stack;
    private HttpProbe http;

    private RunningStack(LocalStackOptions.Builder options) {
        this.options = options;
    }

    static RunningStack serving(Path template, Consumer<String> log) {
        return new RunningStack(options(template, log));
    }

    /** How the tests start a stack: this template, a free port, the stack's lines to {@code log}, handlers' to stdout. */
    static LocalStackOptions.Builder options(Path template, Consumer<String> log) {
        return LocalStackOptions.builder(Map.of()).template(template).port(0).log(log, System.out);
    }

    LocalStack stack() {
        return stack;
    }

    HttpProbe http() {
        return http;
    }

    @Override
    protected void start() {
        stack = LocalStack.start(options.build());
        http = new HttpProbe(stack.url());
    }

    @Override
    protected void stop() {
        try (var running = stack) {
            http.close();
        }
    }
}
