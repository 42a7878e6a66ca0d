package dev.csvtest.local.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.csvtest.local.lambda.LocalFunction;
import dev.csvtest.local.template.RouteSpec;

/**
 * HTTP API route selection: the most specific match wins (literal paths before {@code {param}} paths before greedy
 * {@code {proxy+}} paths, then a specific method before {@code ANY}); {@code $default} catches the rest.
 */
final class RouteTable {

    record Route(RouteSpec spec, LocalFunction function, Pattern pattern, List<String> parameters, int rank) {
    }

    record Match(Route route, Map<String, String> pathParameters) {
    }

    private final List<Route> routes = new ArrayList<>();
    private Route defaultRoute;

    RouteTable(Iterable<LocalFunction> functions) {
        for (var function : functions) {
            for (var spec : function.spec().routes()) {
                if (spec.path().equals("$default")) {
                    defaultRoute = new Route(spec, function, null, List.of(), Integer.MAX_VALUE);
                } else {
                    routes.add(compile(spec, function));
                }
            }
        }
        routes.sort(Comparator.comparingInt(Route::rank));
    }

    Optional<Match> match(String method, String path) {
        for (var route : routes) {
            if (!route.spec().method().equals("ANY") && !route.spec().method().equals(method)) {
                continue;
            }
            Matcher m = route.pattern().matcher(path);
            if (m.matches()) {
                var params = new LinkedHashMap<String, String>();
                for (int i = 0; i < route.parameters().size(); i++) {
                    params.put(route.parameters().get(i), m.group(i + 1));
                }
                return Optional.of(new Match(route, params));
            }
        }
        return Optional.empty();
    }

    Optional<Match> defaultRoute() {
        return Optional.ofNullable(defaultRoute).map(r -> new Match(r, Map.of()));
    }

    List<Route> routes() {
        var all = new ArrayList<>(routes);
        if (defaultRoute != null) {
            all.add(defaultRoute);
        }
        return all;
    }

    private static Route compile(RouteSpec spec, LocalFunction function) {
        var regex = new StringBuilder();
        var parameters = new ArrayList<String>();
        int rank = 0;
        for (String segment : spec.path().substring(1).split("/", -1)) {
            regex.append('/');
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                parameters.add(segment.substring(1, segment.length() - 2));
                regex.append("(.+)");
                rank += 1000;
            } else if (segment.startsWith("{") && segment.endsWith("}")) {
                parameters.add(segment.substring(1, segment.length() - 1));
                regex.append("([^/]+)");
                rank += 10;
            } else {
                regex.append(Pattern.quote(segment));
            }
        }
        if (spec.method().equals("ANY")) {
            rank += 1;
        }
        return new Route(spec, function, Pattern.compile(regex.toString()), parameters, rank);
    }
}
