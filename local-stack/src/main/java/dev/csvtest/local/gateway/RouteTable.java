package dev.csvtest.local.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.csvtest.local.lambda.LocalFunction;
import dev.csvtest.local.template.ApiSpec;
import dev.csvtest.local.template.RouteSpec;

/**
 * Route selection over every API of the template (REST paths without their stage, as {@code sam local} serves them).
 * Both API kinds pick the most specific match: segment by segment from the left, a literal segment before a
 * {@code {param}} before a greedy {@code {proxy+}}; then a specific method before {@code ANY}. A route matches only
 * its own method or {@code ANY} ({@code HEAD} is no {@code GET}). An HTTP API's {@code $default} catches the rest.
 */
final class RouteTable {

    private static final int LITERAL = 0;
    private static final int PARAMETER = 1;
    private static final int GREEDY = 2;

    record Route(RouteSpec spec, LocalFunction function, Pattern pattern, List<String> parameters, int[] segments) {
    }

    record Match(Route route, Map<String, String> pathParameters) {
    }

    /** Literal before parameter before greedy, segment by segment; then a method before ANY. */
    private static final Comparator<Route> SPECIFIC_FIRST = ((Comparator<Route>) (a, b) -> {
        for (int i = 0; i < Math.min(a.segments().length, b.segments().length); i++) {
            if (a.segments()[i] != b.segments()[i]) {
                return Integer.compare(a.segments()[i], b.segments()[i]);
            }
        }
        return Integer.compare(b.segments().length, a.segments().length);
    }).thenComparing(r -> r.spec().method().equals("ANY"));

    private final List<Route> routes = new ArrayList<>();
    private Route defaultRoute;

    RouteTable(Iterable<LocalFunction> functions) {
        for (var function : functions) {
            for (var spec : function.spec().routes()) {
                if (spec.path().equals("$default")) {
                    defaultRoute = new Route(spec, function, null, List.of(), new int[0]);
                } else {
                    routes.add(compile(spec, function));
                }
            }
        }
        routes.sort(SPECIFIC_FIRST);
    }

    /** The best route for {@code method} and {@code path}; routes are kept most specific first, so the first wins. */
    Optional<Match> match(String method, String path) {
        for (var route : routes) {
            if (route.spec().method().equals("ANY") || route.spec().method().equals(method)) {
                var match = match(route, path);
                if (match.isPresent()) {
                    return match;
                }
            }
        }
        return Optional.empty();
    }

    /** The most specific route path matching {@code path}, whatever the method: the resource a request names. */
    Optional<Route> resource(String path) {
        return routes.stream().filter(r -> match(r, path).isPresent()).findFirst();
    }

    /** The methods declared on the same resource path of the same API as {@code route}. */
    Set<String> methodsOf(Route route) {
        var methods = new LinkedHashSet<String>();
        for (var r : routes) {
            if (r.spec().path().equals(route.spec().path()) && r.spec().api().equals(route.spec().api())) {
                methods.add(r.spec().method());
            }
        }
        return methods;
    }

    Optional<Match> defaultRoute() {
        return Optional.ofNullable(defaultRoute).map(r -> new Match(r, Map.of()));
    }

    /** Whether any route belongs to an HTTP API (then unmatched requests get HTTP API's 404, else REST's 403). */
    boolean servesHttpApi() {
        return defaultRoute != null || routes.stream().anyMatch(r -> !r.spec().api().rest());
    }

    /** The distinct APIs routes belong to. */
    List<ApiSpec> apis() {
        var apis = new LinkedHashSet<ApiSpec>();
        routes().forEach(r -> apis.add(r.spec().api()));
        return List.copyOf(apis);
    }

    List<Route> routes() {
        var all = new ArrayList<>(routes);
        if (defaultRoute != null) {
            all.add(defaultRoute);
        }
        return all;
    }

    private static Optional<Match> match(Route route, String path) {
        Matcher m = route.pattern().matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        var params = new LinkedHashMap<String, String>();
        for (int i = 0; i < route.parameters().size(); i++) {
            params.put(route.parameters().get(i), m.group(i + 1));
        }
        return Optional.of(new Match(route, params));
    }

    private static Route compile(RouteSpec spec, LocalFunction function) {
        var regex = new StringBuilder();
        var parameters = new ArrayList<String>();
        String[] parts = spec.path().equals("/") ? new String[0] : spec.path().substring(1).split("/", -1);
        int[] segments = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String segment = parts[i];
            regex.append('/');
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                parameters.add(segment.substring(1, segment.length() - 2));
                regex.append("(.+)");
                segments[i] = GREEDY;
            } else if (segment.startsWith("{") && segment.endsWith("}")) {
                parameters.add(segment.substring(1, segment.length() - 1));
                regex.append("([^/]+)");
                segments[i] = PARAMETER;
            } else {
                regex.append(Pattern.quote(segment));
                segments[i] = LITERAL;
            }
        }
        return new Route(spec, function, Pattern.compile(parts.length == 0 ? "/" : regex.toString()), parameters, segments);
    }
}
