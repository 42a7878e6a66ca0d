package dev.csvtest.local.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the local stack needs from a SAM template, fully resolved.
 *
 * @param source      the file it came from
 * @param functions   the functions, in template order
 * @param buckets     logical id to local physical name of every {@code AWS::S3::Bucket} (created in the local S3)
 * @param throttling  stage throttling of the HTTP APIs that declare it
 * @param customResources custom resources backed by the template's functions
 * @param distributions   CloudFront distributions in front of the template's buckets
 * @param dependsOn       each resource's {@code DependsOn}, by logical id
 * @param notes       one line per thing the stack ignores or approximates (printed at start-up)
 */
public record SamTemplate(
        Path source,
        List<FunctionSpec> functions,
        Map<String, String> buckets,
        List<StageThrottling> throttling,
        List<CustomResourceSpec> customResources,
        List<DistributionSpec> distributions,
        Map<String, List<String>> dependsOn,
        List<String> notes) {

    public SamTemplate {
        functions = List.copyOf(functions);
        buckets = Map.copyOf(buckets);
        throttling = List.copyOf(throttling);
        customResources = List.copyOf(customResources);
        distributions = List.copyOf(distributions);
        dependsOn = Map.copyOf(dependsOn);
        notes = List.copyOf(notes);
    }

    public FunctionSpec function(String logicalId) {
        return functions.stream()
                .filter(f -> f.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() -> new TemplateException("no function " + logicalId + " in " + source
                        + " (functions: " + functions.stream().map(FunctionSpec::logicalId).toList() + ")"));
    }

    /** The logical ids a resource depends on, directly or through others ({@code DependsOn}). */
    public java.util.Set<String> dependenciesOf(String logicalId) {
        var found = new java.util.LinkedHashSet<String>();
        var pending = new java.util.ArrayDeque<>(dependsOn.getOrDefault(logicalId, List.of()));
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (found.add(next)) {
                pending.addAll(dependsOn.getOrDefault(next, List.of()));
            }
        }
        return found;
    }
}
