package dev.csvtest.local.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.csvtest.local.json.Json;
import dev.csvtest.local.lambda.InvocationResult;
import dev.csvtest.local.lambda.LambdaService;
import dev.csvtest.local.lambda.LocalFunction;
import dev.csvtest.local.template.StageThrottling;

/**
 * The local HTTP API: the JDK's HTTP server with one virtual thread per exchange, in front of the
 * {@link LambdaService}. It matches routes, builds payload 2.0 events, waits for the function up to the integration
 * timeout, and maps results and errors as HTTP API does:
 *
 * <table>
 *   <caption>errors</caption>
 *   <tr><td>no route (and no {@link StaticContent} object)</td><td>404 {@code {"message":"Not Found"}}</td></tr>
 *   <tr><td>stage throttling ({@code DefaultRouteSettings})</td><td>429 {@code {"message":"Too Many Requests"}}</td></tr>
 *   <tr><td>function error: handler threw, init failed, {@code Timeout}, response over 6 MB</td>
 *       <td>500 {@code {"message":"Internal Server Error"}}</td></tr>
 *   <tr><td>Lambda throttled the invocation (concurrency)</td><td>500 by default (configurable)</td></tr>
 *   <tr><td>integration timeout (30 s, or the route's {@code TimeoutInMillis})</td><td>503 by default (configurable)</td></tr>
 * </table>
 *
 * Every reply carries {@code apigw-requestid}, as API Gateway's do.
 */
public final class HttpApiGateway implements AutoCloseable {

    /** HTTP API's maximum request payload. */
    static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;

    /** Settings of the front end. */
    public record Settings(String host, int port, int backlog, Duration integrationTimeout, int integrationTimeoutStatus,
                           int lambdaThrottleStatus, boolean stageThrottling, boolean logRequests) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final RouteTable routes;
    private final StaticContent statics;
    private final StageThrottle throttle;
    private final Settings settings;
    private final Consumer<String> log;
    private final BurstSummary bursts;

    public HttpApiGateway(LambdaService lambda, List<StageThrottling> throttling, Settings settings,
                          StaticContent statics, Consumer<String> log) throws IOException {
        this.settings = settings;
        this.log = log;
        this.routes = new RouteTable(lambda.functions());
        this.statics = statics;
        this.throttle = settings.stageThrottling() && !throttling.isEmpty()
                ? new StageThrottle(throttling.getFirst().rateLimit(), throttling.getFirst().burstLimit())
                : null;
        this.bursts = new BurstSummary(settings.logRequests() ? null : log);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()), settings.backlog());
        this.server.setExecutor(executor);
        this.server.createContext("/", this::handle);
        this.server.start();
    }

    /** What is served for paths no route takes. */
    public StaticContent statics() {
        return statics;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** A route and the function behind it. */
    public record BoundRoute(dev.csvtest.local.template.RouteSpec spec, dev.csvtest.local.lambda.LocalFunction function) {
    }

    /** The routes in matching order, {@code $default} last. */
    public List<BoundRoute> routes() {
        return routes.routes().stream().map(r -> new BoundRoute(r.spec(), r.function())).toList();
    }

    private record Outcome(GatewayReply reply, String note, String kind) {
        Outcome(GatewayReply reply, String note) {
            this(reply, note, note);
        }
    }

    private void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        bursts.started();
        String requestId = PayloadV2Event.newRequestId();
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Outcome outcome;
        try {
            outcome = dispatch(exchange, method, rawPath, rawQuery, requestId);
        } catch (IOException e) {
            outcome = new Outcome(GatewayReply.forStatus(400), "could not read the request: " + e.getMessage(), "unreadable request");
        } catch (RuntimeException e) {
            outcome = new Outcome(GatewayReply.internalServerError(), "local stack error: " + e, "local stack error");
        }
        try {
            send(exchange, method, outcome.reply(), requestId);
        } catch (IOException clientGone) {
            outcome = new Outcome(outcome.reply(), outcome.note() + " (client went away: " + clientGone.getMessage() + ")",
                    outcome.kind() + " (client went away)");
        } finally {
            exchange.close();
        }
        bursts.finished(outcome.reply().status() + " " + outcome.kind());
        if (settings.logRequests()) {
            long ms = (System.nanoTime() - start) / 1_000_000L;
            String target = rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
            log.accept(LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS) + " " + method + " " + clean(target) + " "
                    + outcome.reply().status() + " " + ms + " ms " + outcome.note());
        }
    }

    private Outcome dispatch(HttpExchange exchange, String method, String rawPath, String rawQuery, String requestId)
            throws IOException {
        var match = routes.match(method, rawPath);
        if (match.isEmpty()) {
            if (method.equals("GET") || method.equals("HEAD")) {
                var file = statics.find(rawPath);
                if (file.isPresent()) {
                    var headers = new java.util.ArrayList<Map.Entry<String, String>>();
                    headers.add(Map.entry("content-type", file.get().contentType()));
                    return new Outcome(new GatewayReply(200, headers, file.get().body()), "static " + rawPath, "static file");
                }
            }
            match = routes.defaultRoute();
            if (match.isEmpty()) {
                return new Outcome(GatewayReply.notFound(), "no route");
            }
        }
        var route = match.get().route();
        if (throttle != null && !throttle.tryAcquire()) {
            return new Outcome(GatewayReply.forStatus(429), "stage throttling");
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_REQUEST_BYTES + 1);
        }
        if (body.length > MAX_REQUEST_BYTES) {
            return new Outcome(GatewayReply.forStatus(413), "request body over 10 MB");
        }
        var remote = exchange.getRemoteAddress();
        var request = new IncomingRequest(method, rawPath, rawQuery, exchange.getRequestHeaders(), exchange.getProtocol(),
                remote == null ? "127.0.0.1" : remote.getAddress().getHostAddress(), port(), body);
        var event = PayloadV2Event.build(request, route.spec().routeKey(), match.get().pathParameters(), requestId, Instant.now());
        var function = route.function();
        var pending = function.invoke(Json.write(event).getBytes(UTF_8));
        Duration timeout = route.spec().integrationTimeout().orElse(settings.integrationTimeout());
        InvocationResult result;
        try {
            result = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            String phase = pending instanceof LocalFunction.Pending p ? p.phase() : "unknown";
            return new Outcome(GatewayReply.forStatus(settings.integrationTimeoutStatus()), function.spec().logicalId()
                    + " integration timeout after " + timeout.toMillis() + " ms (the function keeps running)",
                    "integration timeout, invocation in: " + phase);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(GatewayReply.forStatus(503), "interrupted (stack stopping)");
        } catch (ExecutionException e) {
            return new Outcome(GatewayReply.internalServerError(), "local stack error: " + e.getCause(), "local stack error");
        }
        return switch (result) {
            case InvocationResult.Success s -> {
                var reply = PayloadV2Response.map(s.payload(), log);
                yield new Outcome(reply, describe(s.execution()), "function answered " + reply.status());
            }
            case InvocationResult.FunctionError f -> new Outcome(GatewayReply.internalServerError(),
                    describe(f.execution()) + " " + f.errorType(), "function error " + f.errorType());
            case InvocationResult.Throttled t -> new Outcome(GatewayReply.forStatus(settings.lambdaThrottleStatus()),
                    function.spec().logicalId() + " throttled: " + t.reason(), "Lambda throttled (concurrency limit)");
        };
    }

    private static String describe(InvocationResult.Execution e) {
        return e.cold() ? e.environmentId() + " cold init=" + e.initMillis() + "ms" : e.environmentId() + " warm";
    }

    private static void send(HttpExchange exchange, String method, GatewayReply reply, String requestId) throws IOException {
        var headers = exchange.getResponseHeaders();
        for (var header : reply.headers()) {
            if (!header.getKey().equalsIgnoreCase("content-length") && !header.getKey().equalsIgnoreCase("transfer-encoding")) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        headers.set("apigw-requestid", requestId);
        boolean noBody = method.equals("HEAD") || reply.status() == 204 || reply.status() == 304 || reply.body().length == 0;
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    /** Log hygiene: no CR/LF from the request line reaches the log. */
    private static String clean(String s) {
        return s.replace('\r', '_').replace('\n', '_');
    }

    @Override
    public void close() {
        bursts.close();
        server.stop(0);
        executor.shutdownNow();
    }
}
