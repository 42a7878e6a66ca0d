package dev.csvtest.local.reload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import dev.csvtest.local.template.FunctionSpec;
import dev.csvtest.local.template.RouteSpec;
import dev.csvtest.local.template.SamTemplate;

/**
 * What an edited template changes, split by what hot reload can apply:
 *
 * <ul>
 *   <li>a function's own settings ({@code Environment}, {@code Timeout}, {@code MemorySize}, {@code Handler},
 *       {@code Runtime}, {@code CodeUri}, {@code SnapStart}, {@code FunctionName}) take effect like new code: new
 *       environments get them;
 *   <li>the shape of the stack (functions added or removed, routes, reserved concurrency, buckets, custom resources,
 *       CloudFront, stage throttling) is fixed when the stack starts: the HTTP server's routes, the concurrency pools,
 *       the S3 buckets and the custom resources' Create were set up from it. Those are listed as needing a restart.
 * </ul>
 *
 * @param redeploy      function to the names of its settings that changed
 * @param restartNeeded one line per change that needs a restart
 */
public record TemplateChanges(Map<String, List<String>> redeploy, List<String> restartNeeded) {

    public TemplateChanges {
        redeploy = Map.copyOf(redeploy);
        restartNeeded = List.copyOf(restartNeeded);
    }

    /**
     * @param served   the template the stack was started with (its shape is what is served)
     * @param deployed the settings each function runs with now
     * @param next     the edited template
     */
    public static TemplateChanges between(SamTemplate served, Function<String, FunctionSpec> deployed, SamTemplate next) {
        var restart = new ArrayList<String>();
        var redeploy = new LinkedHashMap<String, List<String>>();
        var before = ids(served);
        var after = ids(next);
        after.stream().filter(id -> !before.contains(id)).forEach(id -> restart.add("function " + id + " added"));
        before.stream().filter(id -> !after.contains(id)).forEach(id -> restart.add("function " + id + " removed"));
        for (var spec : next.functions()) {
            if (!before.contains(spec.logicalId())) {
                continue;
            }
            var old = served.function(spec.logicalId());
            if (!routeKeys(old).equals(routeKeys(spec))) {
                restart.add(spec.logicalId() + " routes " + routeKeys(old) + " -> " + routeKeys(spec));
            } else if (!old.routes().equals(spec.routes())) {
                restart.add(spec.logicalId() + " route settings (TimeoutInMillis, PayloadFormatVersion, API) changed");
            }
            if (!old.reservedConcurrency().equals(spec.reservedConcurrency())) {
                restart.add(spec.logicalId() + " ReservedConcurrentExecutions " + old.reservedConcurrency() + " -> "
                        + spec.reservedConcurrency());
            }
            var settings = changedSettings(deployed.apply(spec.logicalId()), spec);
            if (!settings.isEmpty()) {
                redeploy.put(spec.logicalId(), settings);
            }
        }
        differs(restart, "S3 buckets", served.buckets(), next.buckets());
        differs(restart, "custom resources", served.customResources(), next.customResources());
        differs(restart, "CloudFront distributions", served.distributions(), next.distributions());
        differs(restart, "stage throttling", served.throttling(), next.throttling());
        return new TemplateChanges(redeploy, restart);
    }

    /** The names of the settings hot reload applies that differ between two specs of one function. */
    static List<String> changedSettings(FunctionSpec a, FunctionSpec b) {
        var changed = new ArrayList<String>();
        compare(changed, "FunctionName", a.functionName(), b.functionName());
        compare(changed, "Handler", a.handler(), b.handler());
        compare(changed, "Runtime", a.runtime(), b.runtime());
        compare(changed, "Timeout", a.timeoutSeconds(), b.timeoutSeconds());
        compare(changed, "MemorySize", a.memoryMb(), b.memoryMb());
        compare(changed, "Environment", a.environment(), b.environment());
        compare(changed, "CodeUri", a.codeUri(), b.codeUri());
        compare(changed, "SnapStart", a.snapStart(), b.snapStart());
        return changed;
    }

    private static void compare(List<String> changed, String name, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            changed.add(name);
        }
    }

    private static void differs(List<String> restart, String what, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            restart.add(what + " changed");
        }
    }

    private static Set<String> ids(SamTemplate template) {
        var ids = new TreeSet<String>();
        template.functions().forEach(f -> ids.add(f.logicalId()));
        return ids;
    }

    private static List<String> routeKeys(FunctionSpec spec) {
        return spec.routes().stream().map(RouteSpec::routeKey).sorted().toList();
    }
}
