package dev.csvtest.local.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import dev.csvtest.local.LocalStack;
import dev.csvtest.local.lambda.InvocationResult;
import dev.csvtest.local.template.FunctionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import dev.csvtest.local.json.Json;

/**
 * {@code invoke}: one event through the same Lambda emulation as the API (class loading, serializers, timeouts, size
 * limit); the function's response JSON goes to stdout, everything else to stderr, as with {@code sam local invoke}.
 */
@Command(name = "invoke", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Invoke one function once with an event; its response goes to stdout.")
final class InvokeCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FunctionLogicalId",
            description = "The function to invoke; may be left out when the template has only one.")
    String functionId;

    @Option(names = {"-e", "--event"}, paramLabel = "FILE",
            description = "The event JSON ('-' reads stdin). Without it the event is {}.")
    String eventFile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        var err = spec.commandLine().getErr();
        var out = spec.commandLine().getOut();
        if (stack.relaunchForDebugger()) {
            return DebugRelaunch.run(spec.root().commandLine().getParseResult().originalArgs(), stack.debugHost,
                    stack.debugPort, err);
        }
        LambdaJit.apply();
        byte[] event = readEvent();
        // The function's log goes to stderr: what it writes through its LambdaLogger and, as on Lambda (CloudWatch) and
        // with sam local invoke, what it prints to System.out, so that stdout carries the response alone and can be
        // piped. 'out' was taken before the switch.
        var functionLog = new PrintStream(new FileOutputStream(FileDescriptor.err), true, UTF_8);
        var options = stack.builder()
                .serveHttp(false)
                .only(functionId)
                .log(err::println, functionLog)
                .build();
        var stdout = System.out;
        System.setOut(functionLog);
        try (var running = LocalStack.start(options)) {
            String id = functionId != null ? functionId : onlyFunction(running);   // 'only' was empty: all are up
            long start = System.nanoTime();
            var result = running.function(id).invoke(event).get();
            long ms = (System.nanoTime() - start) / 1_000_000L;
            return switch (result) {
                case InvocationResult.Success s -> {
                    err.println(report(id, s.execution(), ms));
                    out.println(new String(s.payload().bytes(), UTF_8));
                    yield 0;
                }
                case InvocationResult.FunctionError f -> {
                    err.println(report(id, f.execution(), ms) + " error " + f.errorType());
                    out.println(new String(f.payload(), UTF_8));
                    yield LocalStackCommand.FUNCTION_FAILED;
                }
                case InvocationResult.Throttled t -> {
                    err.println(t.reason());
                    yield LocalStackCommand.FUNCTION_FAILED;
                }
            };
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            System.out.flush();
            System.setOut(stdout);
        }
    }

    private byte[] readEvent() throws IOException {
        byte[] event;
        if (eventFile == null) {
            return "{}".getBytes(UTF_8);
        }
        try {
            event = eventFile.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(eventFile));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no event file " + eventFile);
        }
        try {
            Json.tree(event);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the event in " + eventFile + " is not JSON: " + e.getMessage());
        }
        return event;
    }

    private static String onlyFunction(LocalStack stack) {
        var functions = stack.template().functions();
        if (functions.size() == 1) {
            return functions.getFirst().logicalId();
        }
        throw new IllegalArgumentException("name the function to invoke, one of "
                + functions.stream().map(FunctionSpec::logicalId).toList());
    }

    private static String report(String functionId, InvocationResult.Execution e, long ms) {
        return "REPORT " + functionId + " " + e.environmentId() + " Duration: " + ms + " ms"
                + (e.cold() ? " Init Duration: " + e.initMillis() + " ms" : "")
                + e.snapStart().map(s -> " beforeCheckpoint: " + s.beforeCheckpointMillis() + " ms afterRestore: "
                        + s.afterRestoreMillis() + " ms (SnapStart, " + s.resources() + " CRaC resource"
                        + (s.resources() == 1 ? ")" : "s)")).orElse("");
    }
}
