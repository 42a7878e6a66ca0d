package dev.csvtest.local.resources;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpServer;

import dev.csvtest.local.lambda.InvocationResult;
import dev.csvtest.local.lambda.LambdaService;
import dev.csvtest.local.template.CustomResourceSpec;
import dev.csvtest.local.template.TemplateException;
import dev.csvtest.local.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * Plays CloudFormation for the template's custom resources that its own functions back: at start each gets a
 * {@code Create} request (its function is invoked with CloudFormation's event, and its answer arrives as a PUT to a
 * local response URL). A {@code FAILED} answer, or none, stops the start as it would roll a deploy back. This is how a
 * template that seeds its bucket (or creates anything else at deploy) works locally unchanged.
 *
 * <p>No {@code Delete} is sent when the stack stops: stopping a local stack is not deleting a stack, and against an
 * external S3 ({@code --s3-endpoint}) a Delete could empty a bucket the user keeps. {@code invoke FUNCTION -e
 * delete-event.json} sends one by hand.
 */
public final class CustomResources implements AutoCloseable {

    /** CloudFormation gives up on a custom resource after an hour; a local start should not wait that long. */
    private static final Duration RESPONSE_GRACE = Duration.ofSeconds(5);

    private final LambdaService lambda;
    private final String stackId;
    private final Consumer<String> log;
    private final HttpServer responses;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private CustomResources(LambdaService lambda, String stackId, Consumer<String> log) throws IOException {
        this.lambda = lambda;
        this.stackId = stackId;
        this.log = log;
        this.responses = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        responses.createContext("/", exchange -> {
            try (exchange) {
                var future = pending.get(exchange.getRequestURI().getPath().substring(1));
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (future == null || !exchange.getRequestMethod().equals("PUT")) {
                    exchange.sendResponseHeaders(403, -1);
                    return;
                }
                try {
                    future.complete(Json.tree(body));
                    exchange.sendResponseHeaders(200, -1);
                } catch (RuntimeException badJson) {
                    future.completeExceptionally(new TemplateException("the response document is not JSON: "
                            + new String(body, UTF_8)));
                    exchange.sendResponseHeaders(400, -1);
                }
            }
        });
        responses.start();
    }

    /** Creates every resource in template order; throws if one fails. */
    public static CustomResources create(List<CustomResourceSpec> specs, LambdaService lambda, String stackId,
                                         Consumer<String> log) {
        if (specs.isEmpty()) {
            return null;
        }
        CustomResources resources;
        try {
            resources = new CustomResources(lambda, stackId, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the custom resources' response server", e);
        }
        try {
            for (var spec : specs) {
                resources.send("Create", spec);
            }
            return resources;
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    private void send(String requestType, CustomResourceSpec spec) {
        long start = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        var future = new CompletableFuture<JsonNode>();
        pending.put(requestId, future);
        try {
            var event = new LinkedHashMap<String, Object>();
            event.put("RequestType", requestType);
            event.put("ServiceToken", spec.properties().get("ServiceToken"));
            event.put("ResponseURL", "http://127.0.0.1:" + responses.getAddress().getPort() + "/" + requestId);
            event.put("StackId", stackId);
            event.put("RequestId", requestId);
            event.put("LogicalResourceId", spec.logicalId());
            event.put("ResourceType", spec.type());
            event.put("ResourceProperties", spec.properties());
            var function = lambda.function(spec.functionId());
            var result = function.invoke(Json.write(event)).get();
            if (!(result instanceof InvocationResult.Success)) {
                throw failure(requestType, spec, "its function " + spec.functionId() + " failed: " + describe(result));
            }
            long wait = RESPONSE_GRACE.toMillis();
            var answer = future.get(wait, TimeUnit.MILLISECONDS);
            String status = answer.path("Status").asString("");
            if (!status.equals("SUCCESS")) {
                throw failure(requestType, spec, status + ": " + answer.path("Reason").asString("(no reason given)"));
            }
            log.accept(spec.logicalId() + " (" + spec.type() + "): " + requestType + " SUCCESS in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms, physical id "
                    + answer.path("PhysicalResourceId").asString("?"));
        } catch (TimeoutException e) {
            throw failure(requestType, spec, "its function returned but sent no response to the ResponseURL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(requestType, spec, "interrupted");
        } catch (ExecutionException e) {
            throw failure(requestType, spec, String.valueOf(e.getCause()));
        } finally {
            pending.remove(requestId);
        }
    }

    private static String describe(InvocationResult result) {
        return switch (result) {
            case InvocationResult.Success s -> "success";
            case InvocationResult.FunctionError f -> new String(f.payload(), UTF_8);
            case InvocationResult.Throttled t -> t.reason();
        };
    }

    private static TemplateException failure(String requestType, CustomResourceSpec spec, String why) {
        return new TemplateException(spec.logicalId() + " (" + spec.type() + "): " + requestType + " failed: " + why);
    }

    /** Stops the response server. */
    @Override
    public void close() {
        responses.stop(0);
    }
}
