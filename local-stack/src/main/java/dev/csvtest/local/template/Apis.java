package dev.csvtest.local.template;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The APIs of one template read: {@code AWS::Serverless::Api} and {@code AWS::Serverless::HttpApi} resources with
 * {@code Globals.Api} / {@code Globals.HttpApi} under their own properties, the implicit {@code ServerlessRestApi}
 * and {@code ServerlessHttpApi} that events without {@code RestApiId} / {@code ApiId} reach, and the routes of
 * {@code Api} and {@code HttpApi} events. What it cannot emulate goes to {@code problems}, what it ignores to
 * {@code notes}.
 */
final class Apis {

    private static final Set<String> HTTP_API_IGNORED = Set.of("Name", "Description", "Tags", "PropagateTags",
            "AccessLogSettings", "FailOnWarnings", "DisableExecuteApiEndpoint", "Domain", "RouteSettings");
    private static final Set<String> REST_API_IGNORED = Set.of("Name", "Description", "Tags", "PropagateTags",
            "TracingEnabled", "EndpointConfiguration", "AccessLogSetting", "CacheClusterEnabled", "CacheClusterSize",
            "OpenApiVersion", "Domain", "Mode", "DisableExecuteApiEndpoint", "AlwaysDeploy", "CanarySetting",
            "MethodSettings", "MinimumCompressionSize", "Models", "ApiKeySourceType", "FailOnWarnings",
            "MergeDefinitions", "DeploymentPreference");

    private final Intrinsics intrinsics;
    private final List<String> problems;
    private final List<String> notes;
    private final Map<String, ApiSpec> restApis = new LinkedHashMap<>();
    private final Map<String, ApiSpec> httpApis = new LinkedHashMap<>();
    private Map<String, Object> restGlobals = Map.of();
    private Map<String, Object> httpGlobals = Map.of();

    Apis(Intrinsics intrinsics, List<String> problems, List<String> notes) {
        this.intrinsics = intrinsics;
        this.problems = problems;
        this.notes = notes;
    }

    /** {@code Globals.Api} and {@code Globals.HttpApi}: checked once here, applied under every API of their kind. */
    void globals(Map<String, Object> rest, Map<String, Object> http) {
        this.restGlobals = rest;
        this.httpGlobals = http;
        checkRestProperties("Globals.Api", rest);
        checkHttpProperties("Globals.HttpApi", http);
    }

    /** An {@code AWS::Serverless::HttpApi}; returns its stage throttling, if it declares some. */
    Optional<StageThrottling> httpApi(String id, Map<String, Object> own) {
        checkHttpProperties(id, own);
        var props = resolve(merge(httpGlobals, own));
        httpApis.put(id, http(id, props));
        var settings = TemplateReader.stringMap(props.getOrDefault("DefaultRouteSettings", Map.of()));
        Object rate = settings.get("ThrottlingRateLimit");
        Object burst = settings.get("ThrottlingBurstLimit");
        if (rate == null && burst == null) {
            return Optional.empty();
        }
        if (rate == null || burst == null) {
            problems.add(id + ": DefaultRouteSettings needs both ThrottlingRateLimit and ThrottlingBurstLimit to be emulated");
            return Optional.empty();
        }
        return Optional.of(new StageThrottling(id, Double.parseDouble(Intrinsics.scalar(rate)),
                Integer.parseInt(Intrinsics.scalar(burst))));
    }

    /** An {@code AWS::Serverless::Api} (a REST API). */
    void restApi(String id, Map<String, Object> own) {
        checkRestProperties(id, own);
        restApis.put(id, rest(id, resolve(merge(restGlobals, own))));
    }

    /** The route of an {@code HttpApi} event. */
    Optional<RouteSpec> httpRoute(String where, Map<String, Object> raw) {
        var api = apiOf(where, raw.get("ApiId"), "ApiId", httpApis, ApiSpec.IMPLICIT_HTTP_API, "AWS::Serverless::HttpApi");
        var props = eventProperties(where, raw, "ApiId");
        Object format = props.get("PayloadFormatVersion");
        String version = format == null ? "2.0" : Intrinsics.scalar(format);
        if (!version.equals("2.0") && !version.equals("1.0")) {
            problems.add(where + ": PayloadFormatVersion " + version + " is not one of HTTP API's 1.0, 2.0");
        }
        if (props.containsKey("RouteSettings")) {
            notes.add(where + ": RouteSettings ignored");
        }
        var timeout = timeout(where, props, 30_000, "HTTP API");
        String path = optionalString(props.get("Path"));
        if (api.isEmpty()) {
            return Optional.empty();
        }
        if (path == null || path.equals("$default")) {
            return Optional.of(new RouteSpec("ANY", "$default", timeout, api.get(), version));
        }
        return route(where, path, optionalString(props.get("Method")), timeout, api.get(), version);
    }

    /** The route of a REST {@code Api} event (always payload format 1.0). */
    Optional<RouteSpec> restRoute(String where, Map<String, Object> raw) {
        var api = apiOf(where, raw.get("RestApiId"), "RestApiId", restApis, ApiSpec.IMPLICIT_REST_API, "AWS::Serverless::Api");
        var props = eventProperties(where, raw, "RestApiId");
        for (String key : List.of("RequestParameters", "RequestModel")) {
            if (props.containsKey(key)) {
                notes.add(where + ": " + key + " ignored (no request validation locally)");
            }
        }
        var timeout = timeout(where, props, 29_000, "REST API");
        String path = optionalString(props.get("Path"));
        String method = optionalString(props.get("Method"));
        if (path == null || method == null) {
            problems.add(where + ": an Api event needs both Path and Method");
            return Optional.empty();
        }
        if (api.isEmpty()) {
            return Optional.empty();
        }
        return route(where, path, method, timeout, api.get(), "1.0");
    }

    private Optional<RouteSpec> route(String where, String path, String rawMethod, Optional<Duration> timeout, ApiSpec api,
                                      String version) {
        if (!path.startsWith("/")) {
            problems.add(where + ": Path must start with '/', got " + path);
            return Optional.empty();
        }
        int greedy = path.indexOf("+}");
        if (greedy >= 0 && greedy != path.length() - 2) {
            problems.add(where + ": a greedy path variable must end the path, got " + path);
            return Optional.empty();
        }
        String method = rawMethod == null ? "ANY" : rawMethod.toUpperCase(Locale.ROOT);
        return Optional.of(new RouteSpec(method.equals("X-AMAZON-APIGATEWAY-ANY-METHOD") ? "ANY" : method, path, timeout,
                api, version));
    }

    /** The API an event names with {@code !Ref}, or the implicit one (built once, from the Globals) when it names none. */
    private Optional<ApiSpec> apiOf(String where, Object ref, String property, Map<String, ApiSpec> declared, String implicit,
                                    String type) {
        if (ref == null) {
            return Optional.of(declared.computeIfAbsent(implicit, id -> implicit.equals(ApiSpec.IMPLICIT_REST_API)
                    ? rest(id, resolve(restGlobals)) : http(id, resolve(httpGlobals))));
        }
        if (ref instanceof Map<?, ?> m && m.size() == 1 && m.get("Ref") instanceof String logicalId) {
            var api = declared.get(logicalId);
            if (api != null && !logicalId.equals(implicit)) {
                return Optional.of(api);
            }
            problems.add(where + ": " + property + " !Ref " + logicalId + " is no " + type + " of this template");
        } else {
            problems.add(where + ": " + property + " must be !Ref of an " + type + " of this template, got " + ref);
        }
        return Optional.empty();
    }

    private Map<String, Object> eventProperties(String where, Map<String, Object> raw, String apiProperty) {
        var copy = new LinkedHashMap<>(raw);
        copy.remove(apiProperty);
        var props = resolve(copy);
        if (props.get("Auth") instanceof Map<?, ?> auth && !(auth.size() == 1 && "NONE".equals(auth.get("Authorizer")))) {
            problems.add(where + ": Auth (authorizers, API keys, IAM) is not emulated");
        } else if (props.containsKey("Auth") && !(props.get("Auth") instanceof Map<?, ?>)) {
            problems.add(where + ": Auth (authorizers, API keys, IAM) is not emulated");
        }
        return props;
    }

    private Optional<Duration> timeout(String where, Map<String, Object> props, long max, String kind) {
        if (props.get("TimeoutInMillis") == null) {
            return Optional.empty();
        }
        String text = Intrinsics.scalar(props.get("TimeoutInMillis"));
        try {
            long ms = Long.parseLong(text);
            if (ms < 50 || ms > max) {
                problems.add(where + ": TimeoutInMillis " + ms + " is outside " + kind + "'s 50.." + max);
            }
            return Optional.of(Duration.ofMillis(ms));
        } catch (NumberFormatException e) {
            problems.add(where + ": TimeoutInMillis is not an integer: " + text);
            return Optional.empty();
        }
    }

    private ApiSpec http(String id, Map<String, Object> props) {
        Optional<CorsConfig> cors = switch (props.get("CorsConfiguration")) {
            case null -> Optional.empty();
            case Boolean b when b -> Optional.of(new CorsConfig(List.of("*"), List.of("*"), List.of("*"), List.of(),
                    Optional.empty(), false));
            case Boolean b -> Optional.empty();
            case Map<?, ?> m -> Optional.of(httpCors(TemplateReader.stringMap(m)));
            default -> {
                problems.add(id + ": CorsConfiguration must be true or a mapping, got " + props.get("CorsConfiguration"));
                yield Optional.empty();
            }
        };
        String stage = optionalString(props.get("StageName"));
        return new ApiSpec(id, ApiSpec.Kind.HTTP, stage == null ? "$default" : stage,
                stringValues(id, "StageVariables", props.get("StageVariables")), cors, List.of());
    }

    private ApiSpec rest(String id, Map<String, Object> props) {
        Optional<CorsConfig> cors = switch (props.get("Cors")) {
            case null -> Optional.empty();
            case String origin -> Optional.of(new CorsConfig(List.of(unquote(origin)), List.of(), List.of(), List.of(),
                    Optional.empty(), false));
            case Map<?, ?> m -> restCors(id, TemplateReader.stringMap(m));
            default -> {
                problems.add(id + ": Cors must be a string or a mapping, got " + props.get("Cors"));
                yield Optional.empty();
            }
        };
        String stage = optionalString(props.get("StageName"));
        if (stage == null && !id.equals(ApiSpec.IMPLICIT_REST_API)) {
            problems.add(id + ": StageName is required for an AWS::Serverless::Api");
        }
        var binary = new ArrayList<String>();
        if (props.get("BinaryMediaTypes") instanceof List<?> types) {
            types.forEach(t -> binary.add(Intrinsics.scalar(t).replace("~1", "/")));
        }
        return new ApiSpec(id, ApiSpec.Kind.REST, stage == null ? "Prod" : stage,
                stringValues(id, "Variables", props.get("Variables")), cors, binary);
    }

    private CorsConfig httpCors(Map<String, Object> cors) {
        Object maxAge = cors.get("MaxAge");
        return new CorsConfig(strings(cors.get("AllowOrigins")), strings(cors.get("AllowMethods")),
                strings(cors.get("AllowHeaders")), strings(cors.get("ExposeHeaders")),
                maxAge == null ? Optional.empty() : Optional.of(Integer.parseInt(Intrinsics.scalar(maxAge))),
                Boolean.parseBoolean(String.valueOf(cors.get("AllowCredentials"))));
    }

    /** SAM's REST {@code Cors}: header values quoted as API Gateway mapping expressions ({@code "'GET,POST'"}). */
    private Optional<CorsConfig> restCors(String id, Map<String, Object> cors) {
        String origin = optionalString(cors.get("AllowOrigin"));
        if (origin == null) {
            problems.add(id + ": Cors needs AllowOrigin");
            return Optional.empty();
        }
        String methods = optionalString(cors.get("AllowMethods"));
        String headers = optionalString(cors.get("AllowHeaders"));
        String maxAge = optionalString(cors.get("MaxAge"));
        return Optional.of(new CorsConfig(List.of(unquote(origin)),
                methods == null ? List.of() : List.of(unquote(methods)),
                headers == null ? List.of() : List.of(unquote(headers)), List.of(),
                maxAge == null ? Optional.empty() : Optional.of(Integer.parseInt(unquote(maxAge))),
                Boolean.parseBoolean(String.valueOf(cors.get("AllowCredentials")))));
    }

    private void checkHttpProperties(String id, Map<String, Object> props) {
        for (String key : props.keySet()) {
            switch (key) {
                case "Auth" -> {
                    var auth = TemplateReader.stringMap(props.get("Auth"));
                    if (auth.containsKey("Authorizers") || auth.containsKey("DefaultAuthorizer")
                            || auth.containsKey("EnableIamAuthorizer")) {
                        problems.add(id + ": Auth (authorizers) is not emulated");
                    }
                }
                case "DefinitionBody", "DefinitionUri" -> problems.add(id + ": " + key
                        + " (an OpenAPI definition) is not emulated; declare routes as HttpApi events");
                case "DefaultRouteSettings", "StageName", "StageVariables", "CorsConfiguration" -> { }
                default -> notes.add(id + ": " + key + " ignored" + (HTTP_API_IGNORED.contains(key) ? "" : " (unknown here)"));
            }
        }
    }

    private void checkRestProperties(String id, Map<String, Object> props) {
        for (String key : props.keySet()) {
            switch (key) {
                case "Auth" -> {
                    var auth = TemplateReader.stringMap(props.get("Auth"));
                    for (String part : List.of("Authorizers", "DefaultAuthorizer", "ApiKeyRequired", "ResourcePolicy",
                            "UsagePlan")) {
                        if (auth.containsKey(part)) {
                            problems.add(id + ": Auth." + part + " is not emulated (no authorizers, API keys, resource"
                                    + " policies or usage plans locally)");
                        }
                    }
                }
                case "DefinitionBody", "DefinitionUri" -> problems.add(id + ": " + key
                        + " (an OpenAPI definition) is not emulated; declare routes as Api events");
                case "GatewayResponses" -> problems.add(id + ": GatewayResponses is not emulated (the local REST API"
                        + " answers API Gateway's default error responses)");
                case "StageName", "Variables", "Cors", "BinaryMediaTypes" -> { }
                case "MethodSettings" -> notes.add(id + ": MethodSettings ignored (no REST stage throttling or caching locally)");
                default -> notes.add(id + ": " + key + " ignored" + (REST_API_IGNORED.contains(key) ? "" : " (unknown here)"));
            }
        }
    }

    private Map<String, String> stringValues(String id, String property, Object value) {
        var result = new LinkedHashMap<String, String>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v instanceof Intrinsics.Unresolved u) {
                    notes.add(id + ": " + property + " " + k + " left unset locally: " + u.reason());
                } else {
                    result.put(String.valueOf(k), v == null ? "" : Intrinsics.scalar(v));
                }
            });
        } else if (value != null) {
            problems.add(id + ": " + property + " must be a mapping, got " + value);
        }
        return result;
    }

    private Map<String, Object> resolve(Map<String, Object> props) {
        return TemplateReader.stringMap(intrinsics.resolve(props));
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(Intrinsics::scalar).toList();
        }
        return value == null ? List.of() : List.of(Intrinsics.scalar(value));
    }

    private static String optionalString(Object value) {
        return value == null || value instanceof Intrinsics.Unresolved ? null : Intrinsics.scalar(value);
    }

    private static String unquote(String value) {
        String v = value.strip();
        return v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1) : v;
    }

    /** Globals under the resource's own properties; the {@code Variables} / {@code StageVariables} maps are merged. */
    private static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> own) {
        var merged = new LinkedHashMap<>(globals);
        merged.putAll(own);
        for (String key : List.of("Variables", "StageVariables")) {
            if (globals.get(key) instanceof Map<?, ?> g && own.get(key) instanceof Map<?, ?> o) {
                var vars = new LinkedHashMap<Object, Object>(g);
                vars.putAll(o);
                merged.put(key, vars);
            }
        }
        return merged;
    }
}
