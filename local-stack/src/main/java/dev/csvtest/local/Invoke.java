package dev.csvtest.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import dev.csvtest.local.gateway.IncomingRequest;
import dev.csvtest.local.gateway.PayloadV2Event;
import dev.csvtest.local.json.Json;
import dev.csvtest.local.lambda.InvocationResult;
import dev.csvtest.local.template.FunctionSpec;

/**
 * {@code invoke [FunctionLogicalId] -e events/<file>.json}: runs one event through the same Lambda machinery as the
 * HTTP API (same environments, serializers, timeouts, size limit) and prints the function's response JSON on stdout,
 * like {@code sam local invoke}. Logs go to stderr. Exit status 0 on success, 1 on a function error.
 */
public final class Invoke {

    private Invoke() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    /** Runs {@code invoke}; the response goes to {@code out}, logs to {@code err}. Returns the exit status. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        var rest = new ArrayList<String>();
        var options = LocalStackOptions.parse(args, env, rest)
                .withServeHttp(false)
                .withLog(err::println, err);
        Path eventFile = null;
        var positional = new ArrayList<String>();
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).equals("-e") || rest.get(i).equals("--event")) {
                if (i + 1 >= rest.size()) {
                    throw new IllegalArgumentException("-e needs an event file\n" + LocalStackOptions.USAGE);
                }
                eventFile = Path.of(rest.get(++i));
            } else {
                positional.add(rest.get(i));
            }
        }
        if (eventFile == null) {
            throw new IllegalArgumentException("invoke needs -e events/<file>.json\n" + LocalStackOptions.USAGE);
        }
        byte[] event;
        try {
            event = Files.readAllBytes(eventFile);
            Json.parse(new String(event, UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read event " + eventFile + ": " + e.getMessage());
        }
        try (var stack = LocalStack.start(options)) {
            String functionId = positional.isEmpty() ? onlyFunction(stack.template().functions()) : positional.getFirst();
            var function = stack.function(functionId);
            long start = System.nanoTime();
            InvocationResult result = function.invoke(event).get();
            long ms = (System.nanoTime() - start) / 1_000_000L;
            return switch (result) {
                case InvocationResult.Success s -> {
                    err.println(report(functionId, s.execution(), ms));
                    out.println(new String(s.payload(), UTF_8));
                    yield 0;
                }
                case InvocationResult.FunctionError f -> {
                    err.println(report(functionId, f.execution(), ms) + " error " + f.errorType());
                    out.println(new String(f.payload(), UTF_8));
                    yield 1;
                }
                case InvocationResult.Throttled t -> {
                    err.println(t.reason());
                    yield 1;
                }
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static String report(String functionId, InvocationResult.Execution e, long ms) {
        return "REPORT " + functionId + " " + e.environmentId() + " duration " + ms + " ms"
                + (e.cold() ? " (cold start, init " + e.initMillis() + " ms)" : "");
    }

    private static String onlyFunction(List<FunctionSpec> functions) {
        var withRoutes = functions.stream().filter(f -> !f.routes().isEmpty()).toList();
        if (withRoutes.size() == 1) {
            return withRoutes.getFirst().logicalId();
        }
        throw new IllegalArgumentException("name the function to invoke: " + functions.stream().map(FunctionSpec::logicalId).toList());
    }

    /** {@code event [METHOD] PATH}: the payload 2.0 event the local API would build for a curl of PATH on port 3000. */
    static String generateEvent(List<String> args) {
        if (args.isEmpty() || args.size() > 2) {
            throw new IllegalArgumentException("usage: event [METHOD] PATH   e.g. event GET '/csv_test?delay=0'");
        }
        String method = args.size() == 2 ? args.get(0).toUpperCase(Locale.ROOT) : "GET";
        String target = args.getLast();
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        var request = new IncomingRequest(method, path, query, PayloadV2Event.curlHeaders(3000), "HTTP/1.1", "127.0.0.1", 3000, null);
        var event = PayloadV2Event.build(request, method + " " + path, Map.of(), PayloadV2Event.newRequestId(), Instant.now());
        return Json.write(event);
    }
}
