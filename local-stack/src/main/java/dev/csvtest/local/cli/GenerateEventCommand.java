package dev.csvtest.local.cli;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.csvtest.local.gateway.IncomingRequest;
import dev.csvtest.local.gateway.PayloadV2Event;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import dev.csvtest.local.json.Json;

/** {@code generate-event apigateway http-api-proxy}: the event the local API would send for a request. */
@Command(name = "generate-event", mixinStandardHelpOptions = true,
        description = "Print the event the local API builds for a request, for 'invoke -e'.")
final class GenerateEventCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "apigateway")
    String service;

    @Parameters(index = "1", paramLabel = "EVENT", description = "http-api-proxy (HTTP API, payload 2.0)")
    String event;

    @Option(names = "--method", defaultValue = "GET", description = "The HTTP method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--path", defaultValue = "/", description = "The path, with a query string if any (default: /).")
    String path;

    @Option(names = "--body", description = "The request body.")
    String body;

    @Override
    public Integer call() {
        if (!service.equals("apigateway") || !event.equals("http-api-proxy")) {
            throw new IllegalArgumentException("generate-event knows: apigateway http-api-proxy");
        }
        String upper = method.toUpperCase(Locale.ROOT);
        int q = path.indexOf('?');
        String rawPath = q < 0 ? path : path.substring(0, q);
        String query = q < 0 ? "" : path.substring(q + 1);
        var request = new IncomingRequest(upper, rawPath, query, PayloadV2Event.curlHeaders(3000), "HTTP/1.1", "127.0.0.1",
                3000, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var built = PayloadV2Event.build(request, upper + " " + rawPath, Map.of(), PayloadV2Event.newRequestId(), Instant.now());
        spec.commandLine().getOut().println(Json.pretty(built));
        return 0;
    }
}
