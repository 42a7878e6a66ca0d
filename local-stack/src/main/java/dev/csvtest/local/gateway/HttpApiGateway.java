package dev.csvtest.local.gateway;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import dev.csvtest.local.json.Json;
import dev.csvtest.local.lambda.InvocationResult;
import dev.csvtest.local.lambda.LambdaService;
import dev.csvtest.local.lambda.LocalFunction;
import dev.csvtest.local.template.ApiSpec;
import dev.csvtest.local.template.RouteSpec;
import dev.csvtest.local.template.StageThrottling;

/**
 * The local API Gateway: every REST API and HTTP API of the template on one port (REST paths without their stage, as
 * {@code sam local start-api} serves them), on a small HTTP/1.1 server with one virtual thread per connection
 * ({@link HttpFrontEnd}), in front of the {@link LambdaService}. It matches routes, builds payload 2.0 or 1.0 events,
 * waits for the function up to the integration timeout, maps responses, answers CORS, and maps errors as each API
 * kind does:
 *
 * <table>
 *   <caption>errors</caption>
 *   <tr><th></th><th>HTTP API</th><th>REST API</th></tr>
 *   <tr><td>no route (and no {@link StaticContent} object)</td><td>404 {@code {"message":"Not Found"}}</td>
 *       <td>403 {@code {"message":"Missing Authentication Token"}}</td></tr>
 *   <tr><td>stage throttling ({@code DefaultRouteSettings})</td><td>429 {@code {"message":"Too Many Requests"}}</td>
 *       <td>(not emulated)</td></tr>
 *   <tr><td>function error: handler threw, init failed, {@code Timeout}, response over 6 MB; or a malformed
 *       response</td><td>500 {@code {"message":"Internal Server Error"}}</td>
 *       <td>502 {@code {"message": "Internal server error"}}</td></tr>
 *   <tr><td>Lambda throttled the invocation (concurrency)</td><td colspan="2">500 by default (configurable)</td></tr>
 *   <tr><td>integration timeout</td><td>30 s (or the route's {@code TimeoutInMillis}); 503
 *       {@code {"message":"Service Unavailable"}} by default (configurable)</td><td>29 s (or the event's
 *       {@code TimeoutInMillis}); 504 {@code {"message": "Endpoint request timed out"}}</td></tr>
 *   <tr><td>request line plus header values over 10,240 bytes (names not counted); body over 10 MB</td><td colspan="2">431; 413</td></tr>
 * </table>
 *
 * HTTP API replies carry {@code apigw-requestid}; REST API replies {@code x-amzn-RequestId} and
 * {@code x-amz-apigw-id}, as API Gateway's do.
 */
public final class HttpApiGateway implements AutoCloseable {

    /** Settings of the front end. */
    /** A REST API's integration timeout unless the event sets {@code TimeoutInMillis}. */
    static final Duration REST_INTEGRATION_TIMEOUT = Duration.ofMillis(29_000);

    public record Settings(String host, int port, int backlog, Duration integrationTimeout, int integrationTimeoutStatus,
                           int lambdaThrottleStatus, boolean stageThrottling, boolean logRequests) {
    }

    private final HttpFrontEnd server;
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
        this.server = new HttpFrontEnd(settings.host(), settings.port(), settings.backlog(), this::handle);
    }

    /** What is served for paths no route takes. */
    public StaticContent statics() {
        return statics;
    }

    public int port() {
        return server.port();
    }

    /** A route and the function behind it. */
    public record BoundRoute(RouteSpec spec, LocalFunction function) {
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

    private GatewayReply handle(HttpFrontEnd.Request request) {
        long start = System.nanoTime();
        bursts.started();
        String target = request.target();
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String rawQuery = q < 0 ? null : target.substring(q + 1);
        Outcome outcome;
        try {
            outcome = dispatch(request, rawPath, rawQuery);
        } catch (RuntimeException e) {
            outcome = new Outcome(GatewayReply.internalServerError(), "local stack error: " + e, "local stack error");
        }
        bursts.finished(outcome.reply().status() + " " + outcome.kind());
        if (settings.logRequests()) {
            long ms = (System.nanoTime() - start) / 1_000_000L;
            log.accept(LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS) + " " + request.method() + " "
                    + clean(target) + " " + outcome.reply().status() + " " + ms + " ms " + outcome.note());
        }
        return outcome.reply();
    }

    private Outcome dispatch(HttpFrontEnd.Request request, String rawPath, String rawQuery) {
        String method = request.method();
        if (Cors.isPreflight(request)) {
            var cors = httpCorsFor(rawPath);
            if (cors != null) {
                var reply = Cors.httpPreflight(cors.cors().orElseThrow(), request.header("origin"),
                        request.header("access-control-request-method"));
                return new Outcome(withIds(reply, ApiSpec.Kind.HTTP, PayloadV1Event.RequestIds.of(ApiSpec.Kind.HTTP)),
                        "CORS preflight answered by " + cors.logicalId(), "CORS preflight");
            }
        }
        if (method.equals("OPTIONS")) {
            // SAM gives every path of a REST API with Cors an OPTIONS method (a mock), unless the path declares one.
            var resource = routes.resource(rawPath).filter(r -> r.spec().api().rest() && r.spec().api().cors().isPresent()
                    && !routes.methodsOf(r).contains("OPTIONS"));
            if (resource.isPresent()) {
                var api = resource.get().spec().api();
                var reply = Cors.restPreflight(api.cors().orElseThrow(), routes.methodsOf(resource.get()));
                return new Outcome(withIds(reply, ApiSpec.Kind.REST, PayloadV1Event.RequestIds.of(ApiSpec.Kind.REST)),
                        "CORS OPTIONS mock of " + api.logicalId(), "CORS preflight");
            }
        }
        var match = routes.match(method, rawPath);
        if (match.isEmpty()) {
            if (method.equals("GET") || method.equals("HEAD")) {
                var file = statics.find(rawPath);
                if (file.isPresent()) {
                    var headers = new ArrayList<Map.Entry<String, String>>();
                    headers.add(Map.entry("content-type", file.get().contentType()));
                    return new Outcome(new GatewayReply(200, headers, file.get().body()), "static " + rawPath, "static file");
                }
            }
            match = routes.defaultRoute();
            if (match.isEmpty()) {
                return routes.servesHttpApi()
                        ? new Outcome(withIds(GatewayReply.notFound(), ApiSpec.Kind.HTTP, PayloadV1Event.RequestIds.of(ApiSpec.Kind.HTTP)), "no route")
                        : new Outcome(withIds(GatewayReply.missingAuthenticationToken(), ApiSpec.Kind.REST,
                                PayloadV1Event.RequestIds.of(ApiSpec.Kind.REST)), "no route");
            }
        }
        var route = match.get().route();
        ApiSpec api = route.spec().api();
        var ids = PayloadV1Event.RequestIds.of(api.kind());
        var outcome = invoke(request, rawPath, rawQuery, match.get(), ids);
        var reply = outcome.reply();
        if (!api.rest() && api.cors().isPresent()) {
            reply = Cors.httpResponse(api.cors().get(), request.header("origin"), reply);
        }
        return new Outcome(withIds(reply, api.kind(), ids), outcome.note(), outcome.kind());
    }

    private Outcome invoke(HttpFrontEnd.Request request, String rawPath, String rawQuery, RouteTable.Match match,
                           PayloadV1Event.RequestIds ids) {
        var route = match.route();
        RouteSpec spec = route.spec();
        var kind = spec.api().kind();
        boolean rest = kind == ApiSpec.Kind.REST;
        if (throttle != null && !rest && !throttle.tryAcquire()) {
            return new Outcome(GatewayReply.forStatus(ApiSpec.Kind.HTTP, 429), "stage throttling");
        }
        var remote = request.remote();
        var incoming = new IncomingRequest(request.method(), rawPath, rawQuery, headerLists(request.headers()),
                request.protocol(), remote == null ? "127.0.0.1" : remote.getAddress().getHostAddress(), port(), request.body());
        Instant now = Instant.now();
        var event = spec.payloadV1()
                ? PayloadV1Event.build(incoming, spec, match.pathParameters(), ids, now)
                : PayloadV2Event.build(incoming, spec.routeKey(), match.pathParameters(), ids.requestId(), now,
                        spec.api().stageName(), spec.api().stageVariables());
        var function = route.function();
        var pending = function.invoke(Json.write(event));
        Duration timeout = spec.integrationTimeout().orElse(rest ? REST_INTEGRATION_TIMEOUT : settings.integrationTimeout());
        InvocationResult result;
        try {
            result = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            String phase = pending instanceof LocalFunction.Pending p ? p.phase() : "unknown";
            // A REST API's integration timeout is always 504; an HTTP API's status is a setting (503 by default).
            return new Outcome(GatewayReply.forStatus(kind, rest ? 504 : settings.integrationTimeoutStatus()),
                    function.spec().logicalId() + " integration timeout after " + timeout.toMillis()
                            + " ms (the function keeps running)", "integration timeout, invocation in: " + phase);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(GatewayReply.forStatus(kind, 503), "interrupted (stack stopping)");
        } catch (ExecutionException e) {
            return new Outcome(GatewayReply.integrationFailed(kind), "local stack error: " + e.getCause(),
                    "local stack error");
        }
        return switch (result) {
            case InvocationResult.Success s -> {
                var reply = spec.payloadV1()
                        ? PayloadV1Response.map(s.payload(), spec.api(), request.header("accept"), log)
                        : PayloadV2Response.map(s.payload(), log);
                yield new Outcome(reply, describe(s.execution()), "function answered " + reply.status());
            }
            case InvocationResult.FunctionError f -> new Outcome(GatewayReply.integrationFailed(kind),
                    describe(f.execution()) + " " + f.errorType(), "function error " + f.errorType());
            case InvocationResult.Throttled t -> new Outcome(GatewayReply.forStatus(kind, settings.lambdaThrottleStatus()),
                    function.spec().logicalId() + " throttled: " + t.reason(), "Lambda throttled (concurrency limit)");
        };
    }

    /** The HTTP API whose CORS answers a preflight to {@code path}: the one of the route it names, else the first. */
    private ApiSpec httpCorsFor(String path) {
        var resource = routes.resource(path).map(r -> r.spec().api());
        if (resource.isPresent() && !resource.get().rest()) {
            return resource.get().cors().isPresent() ? resource.get() : null;
        }
        return routes.apis().stream().filter(a -> !a.rest() && a.cors().isPresent()).findFirst().orElse(null);
    }

    /** The request id headers API Gateway puts on every reply of that API kind. */
    private static GatewayReply withIds(GatewayReply reply, ApiSpec.Kind kind, PayloadV1Event.RequestIds ids) {
        return reply.withHeaders(kind == ApiSpec.Kind.REST
                ? List.of(Map.entry("x-amzn-RequestId", ids.requestId()), Map.entry("x-amz-apigw-id", ids.extendedRequestId()))
                : List.of(Map.entry("apigw-requestid", ids.requestId())));
    }

    /** Header names as received (the first spelling of a name), every value in arrival order. */
    private static Map<String, List<String>> headerLists(List<Map.Entry<String, String>> headers) {
        var byName = new LinkedHashMap<String, List<String>>();
        var spelling = new java.util.HashMap<String, String>();
        for (var h : headers) {
            String name = spelling.computeIfAbsent(h.getKey().toLowerCase(java.util.Locale.ROOT), k -> h.getKey());
            byName.computeIfAbsent(name, k -> new ArrayList<>()).add(h.getValue());
        }
        return byName;
    }

    private static String describe(InvocationResult.Execution e) {
        return e.cold() ? e.environmentId() + " cold init=" + e.initMillis() + "ms" : e.environmentId() + " warm";
    }

    /** Log hygiene: no CR/LF from the request line reaches the log. */
    private static String clean(String s) {
        return s.replace('\r', '_').replace('\n', '_');
    }

    @Override
    public void close() {
        bursts.close();
        server.close();
    }
}
