package dev.csvtest.local.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;


/**
 * Reads a SAM template into a {@link SamTemplate}, the way {@code sam local start-api} would: {@code HttpApi} events
 * (payload format 2.0 or 1.0) and REST {@code Api} events, on implicit or explicit APIs with their stage, stage
 * variables, CORS and binary media types. It refuses loudly, one line per problem, what the local stack does not
 * emulate (runtimes other than Java, container images, other event types, authorizers, OpenAPI definitions, gateway
 * responses). Resources that do not take part in serving a request (buckets, CloudFront, custom resources, log groups,
 * ...) are ignored with a one-line note.
 *
 * <p>{@code Environment} values are resolved from parameter defaults, {@code --parameter-overrides}, and a sam-style
 * {@code --env-vars} JSON file ({@code {"Parameters": {...}, "<FunctionLogicalId>": {...}}}), which, as in SAM, can
 * only override variables the template declares.
 */
public final class TemplateReader {

    private static final Set<String> IGNORED_FUNCTION_PROPERTIES = Set.of(
            "CodeUri", "Description", "Policies", "Role", "Architectures", "Tags", "Tracing", "LoggingConfig",
            "AutoPublishAlias", "AutoPublishAliasAllProperties", "DeploymentPreference", "FunctionName",
            "Handler", "Runtime", "Timeout", "MemorySize", "ReservedConcurrentExecutions", "Environment", "Events",
            "EphemeralStorage", "RuntimeManagementConfig", "PropagateTags", "PermissionsBoundary", "KmsKeyArn",
            "RecursiveLoop", "VersionDescription");

    /** The Lambda runtimes whose handlers run in a JVM: the only ones the local stack can host. */
    static final Set<String> JAVA_RUNTIMES = Set.of("java8.al2", "java11", "java17", "java21", "java25");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StackIdentity stack;

    public TemplateReader(String stackName, String region) {
        this.stack = new StackIdentity(Objects.requireNonNull(stackName, "stackName"), Objects.requireNonNull(region, "region"));
    }

    /**
     * @param template           the template file
     * @param parameterOverrides {@code --parameter-overrides} values
     * @param envVars            a sam-style {@code --env-vars} JSON file, if any
     */
    public SamTemplate read(Path template, Map<String, String> parameterOverrides, Optional<Path> envVars) {
        Map<String, Object> root;
        try {
            Object loaded = new Yaml(new CfnYamlConstructor()).load(Files.readString(template));
            if (!(loaded instanceof Map<?, ?>)) {
                throw new TemplateException(template + " is not a YAML mapping");
            }
            root = stringMap(loaded);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TemplateException("no template at " + template.toAbsolutePath()
                    + ": run from the project root, or pass --template FILE");
        } catch (IOException e) {
            throw new TemplateException("cannot read template " + template + ": " + e);
        }
        var envVarsFile = envVars.map(TemplateReader::readEnvVars).orElse(Map.of());
        return new Reading(template, root, parameterOverrides, envVarsFile).read();
    }

    /** Parses {@code K=V K2=V2} or CloudFormation's {@code ParameterKey=K,ParameterValue=V} forms. */
    public static Map<String, String> parseParameterOverrides(List<String> args) {
        var result = new LinkedHashMap<String, String>();
        var cfnForm = Pattern.compile("ParameterKey=([^,]+),ParameterValue=(.*)");
        for (String arg : args) {
            var m = cfnForm.matcher(arg);
            if (m.matches()) {
                result.put(m.group(1), m.group(2));
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new TemplateException("--parameter-overrides: expected Key=Value, got '" + arg + "'");
            }
            String value = arg.substring(eq + 1);
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            result.put(arg.substring(0, eq), value);
        }
        return result;
    }

    private static Map<String, Map<String, String>> readEnvVars(Path file) {
        try {
            Object parsed = JSON.readValue(Files.readString(file), Object.class);
            var result = new LinkedHashMap<String, Map<String, String>>();
            if (!(parsed instanceof Map<?, ?> top)) {
                throw new TemplateException("--env-vars " + file + ": expected a JSON object");
            }
            for (var e : top.entrySet()) {
                if (!(e.getValue() instanceof Map<?, ?> vars)) {
                    throw new TemplateException("--env-vars " + file + ": \"" + e.getKey() + "\" must map to an object of variables");
                }
                var values = new LinkedHashMap<String, String>();
                vars.forEach((k, v) -> values.put(String.valueOf(k), v == null ? "" : Intrinsics.scalar(v)));
                result.put(String.valueOf(e.getKey()), values);
            }
            return result;
        } catch (IOException | JacksonException e) {
            throw new TemplateException("--env-vars " + file + ": " + e.getMessage());
        }
    }

    /** One read of one template: collects every problem before failing. */
    private final class Reading {
        private final Path source;
        private final Map<String, Object> root;
        private final Map<String, String> overrides;
        private final Map<String, Map<String, String>> envVars;
        private final List<String> problems = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final Map<String, Object> resources;
        private final Intrinsics intrinsics;
        private final Apis apis;

        Reading(Path source, Map<String, Object> root, Map<String, String> overrides,
                Map<String, Map<String, String>> envVars) {
            this.source = source;
            this.root = root;
            this.overrides = overrides;
            this.envVars = envVars;
            this.resources = stringMap(root.getOrDefault("Resources", Map.of()));
            this.intrinsics = new Intrinsics(parameters(), resources,
                    stringMap(root.getOrDefault("Conditions", Map.of())),
                    stringMap(root.getOrDefault("Mappings", Map.of())), stack);
            this.apis = new Apis(intrinsics, problems, notes);
        }

        SamTemplate read() {
            Object transform = root.get("Transform");
            if (transform == null || !String.valueOf(transform).contains("AWS::Serverless-2016-10-31")) {
                notes.add("no 'Transform: AWS::Serverless-2016-10-31': reading it as a SAM template anyway");
            }
            var globals = stringMap(root.getOrDefault("Globals", Map.of()));
            var functionGlobals = stringMap(globals.getOrDefault("Function", Map.of()));
            apis.globals(stringMap(globals.getOrDefault("Api", Map.of())), stringMap(globals.getOrDefault("HttpApi", Map.of())));
            for (String section : globals.keySet()) {
                if (!section.equals("Function") && !section.equals("HttpApi") && !section.equals("Api")) {
                    notes.add("Globals." + section + " ignored (nothing in the local stack uses it)");
                }
            }

            var throttling = new ArrayList<StageThrottling>();
            var active = new LinkedHashMap<String, Map<String, Object>>();
            for (var entry : resources.entrySet()) {
                String id = entry.getKey();
                var resource = stringMap(entry.getValue());
                if (resource.get("Condition") instanceof String condition && !intrinsics.condition(condition)) {
                    notes.add(id + " skipped: its Condition " + condition + " is false");
                    continue;
                }
                active.put(id, resource);
                var props = stringMap(resource.getOrDefault("Properties", Map.of()));
                switch (String.valueOf(resource.get("Type"))) {
                    case "AWS::Serverless::HttpApi" -> apis.httpApi(id, props).ifPresent(throttling::add);
                    case "AWS::Serverless::Api" -> apis.restApi(id, props);
                    default -> { }
                }
            }

            var functions = new ArrayList<FunctionSpec>();
            var buckets = new LinkedHashMap<String, String>();
            var customResources = new ArrayList<CustomResourceSpec>();
            var distributions = new ArrayList<DistributionSpec>();
            var dependsOn = new LinkedHashMap<String, List<String>>();
            for (var entry : active.entrySet()) {
                String id = entry.getKey();
                var resource = entry.getValue();
                switch (resource.get("DependsOn")) {
                    case String one -> dependsOn.put(id, List.of(one));
                    case List<?> many -> dependsOn.put(id, many.stream().map(String::valueOf).toList());
                    case null, default -> { }
                }
                String type = String.valueOf(resource.get("Type"));
                var props = stringMap(resource.getOrDefault("Properties", Map.of()));
                switch (type) {
                    case "AWS::Serverless::Function" -> function(id, merge(functionGlobals, props),
                            stringMap(resource.getOrDefault("Metadata", Map.of()))).ifPresent(functions::add);
                    case "AWS::Serverless::HttpApi", "AWS::Serverless::Api" -> { }
                    case "AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api" -> problems.add(id + " (" + type
                            + "): plain CloudFormation APIs are not emulated; declare AWS::Serverless::Api or"
                            + " AWS::Serverless::HttpApi with function events");
                    case "AWS::S3::Bucket" -> {
                        buckets.put(id, intrinsics.physicalName(id));
                        notes.add(id + " (" + type + ") is bucket '" + intrinsics.physicalName(id) + "' in the local S3");
                    }
                    case "AWS::CloudFront::Distribution" -> distribution(id, props).ifPresent(distributions::add);
                    default -> {
                        if (type.startsWith("Custom::") || type.equals("AWS::CloudFormation::CustomResource")) {
                            customResource(id, type, props).ifPresent(customResources::add);
                        } else {
                            notes.add(id + " (" + type + ") ignored: not part of serving a request locally");
                        }
                    }
                }
            }
            checkDuplicateRoutes(functions);
            if (!problems.isEmpty()) {
                throw TemplateException.of(source.toString(), problems);
            }
            return new SamTemplate(source, functions, buckets, throttling, customResources, distributions, dependsOn, notes);
        }

        /**
         * A setting of the function's {@code Metadata: {LocalStack: {...}}}: what a project tells the local stack
         * about one function (SAM and CloudFormation ignore it).
         */
        private Optional<String> localStackSetting(String id, Map<String, Object> metadata, String key) {
            var settings = stringMap(metadata.getOrDefault("LocalStack", Map.of()));
            for (String other : settings.keySet()) {
                if (!other.equals("Isolation")) {
                    problems.add(id + ": Metadata.LocalStack." + other + " is not a local stack setting (known: Isolation)");
                }
            }
            return Optional.ofNullable(stringOrNull(settings.get(key)));
        }

        /** A custom resource whose ServiceToken is one of the template's functions; others are noted and skipped. */
        private Optional<CustomResourceSpec> customResource(String id, String type, Map<String, Object> props) {
            if (!(props.get("ServiceToken") instanceof Map<?, ?> token && token.get("Fn::GetAtt") instanceof List<?> getAtt
                    && getAtt.size() == 2 && "Arn".equals(String.valueOf(getAtt.get(1)))
                    && resources.get(String.valueOf(getAtt.get(0))) instanceof Map<?, ?> target
                    && "AWS::Serverless::Function".equals(target.get("Type")))) {
                notes.add(id + " (" + type + ") ignored: its ServiceToken is not a function of this template");
                return Optional.empty();
            }
            var resolved = new LinkedHashMap<String, Object>();
            props.forEach((k, v) -> {
                Object value = intrinsics.resolve(v);
                if (value instanceof Intrinsics.Unresolved u) {
                    notes.add(id + ": property " + k + " left out locally: " + u.reason());
                } else if (!Intrinsics.isNoValue(value)) {
                    resolved.put(k, value);
                }
            });
            notes.add(id + " (" + type + ") runs " + getAtt.get(0) + " with Create at start");
            return Optional.of(new CustomResourceSpec(id, type, String.valueOf(getAtt.get(0)), resolved));
        }

        /** A distribution with a template bucket as its first origin; others are noted and skipped. */
        private Optional<DistributionSpec> distribution(String id, Map<String, Object> props) {
            var config = stringMap(props.getOrDefault("DistributionConfig", Map.of()));
            if (config.get("Origins") instanceof List<?> origins && !origins.isEmpty()
                    && stringMap(origins.getFirst()).get("DomainName") instanceof Map<?, ?> domain
                    && domain.get("Fn::GetAtt") instanceof List<?> getAtt && !getAtt.isEmpty()
                    && buckets().contains(String.valueOf(getAtt.getFirst()))) {
                String bucket = intrinsics.physicalName(String.valueOf(getAtt.getFirst()));
                notes.add(id + " (AWS::CloudFront::Distribution): bucket '" + bucket
                        + "' served on the API's port for paths no route takes");
                return Optional.of(new DistributionSpec(id, bucket,
                        Optional.ofNullable(stringOrNull(config.get("DefaultRootObject")))));
            }
            notes.add(id + " (AWS::CloudFront::Distribution) ignored: its origin is not a bucket of this template");
            return Optional.empty();
        }

        private java.util.Set<String> buckets() {
            var ids = new java.util.HashSet<String>();
            resources.forEach((k, v) -> {
                if (v instanceof Map<?, ?> r && "AWS::S3::Bucket".equals(r.get("Type"))) {
                    ids.add(k);
                }
            });
            return ids;
        }

        private Map<String, Object> parameters() {
            var declared = stringMap(root.getOrDefault("Parameters", Map.of()));
            var values = new LinkedHashMap<String, Object>();
            for (var e : declared.entrySet()) {
                var definition = stringMap(e.getValue());
                Object value = overrides.containsKey(e.getKey()) ? overrides.get(e.getKey()) : definition.get("Default");
                String text = value == null ? null : Intrinsics.scalar(value);
                if (text != null && definition.get("AllowedValues") instanceof List<?> allowed
                        && allowed.stream().map(Intrinsics::scalar).noneMatch(text::equals)) {
                    throw new TemplateException("parameter " + e.getKey() + "=" + text + " is not one of " + allowed);
                }
                if (text != null && definition.get("AllowedPattern") instanceof String pattern && !text.matches(pattern)) {
                    throw new TemplateException("parameter " + e.getKey() + "=" + text + " does not match " + pattern);
                }
                values.put(e.getKey(), text);
            }
            for (String key : overrides.keySet()) {
                if (!declared.containsKey(key)) {
                    throw new TemplateException("--parameter-overrides " + key + ": the template declares no such parameter"
                            + " (parameters: " + declared.keySet() + ")");
                }
            }
            return values;
        }

        private Optional<FunctionSpec> function(String id, Map<String, Object> rawProps, Map<String, Object> metadata) {
            int before = problems.size();
            // A property set to !Ref AWS::NoValue (typically inside !If) is absent.
            var props = new LinkedHashMap<String, Object>();
            rawProps.forEach((k, v) -> {
                if (!(v instanceof Map<?, ?> m && m.size() == 1 && (m.containsKey("Fn::If") || m.containsKey("Ref")))
                        || !Intrinsics.isNoValue(intrinsics.resolve(v))) {
                    props.put(k, v);
                }
            });
            String runtime = stringOrNull(props.get("Runtime"));
            if ("Image".equals(stringOrNull(props.get("PackageType")))) {
                problems.add(id + ": PackageType Image is not emulated (zip functions with a java runtime only)");
            } else if (runtime == null || !JAVA_RUNTIMES.contains(runtime)) {
                problems.add(id + ": Runtime " + runtime + " is not emulated (Java runtimes only: "
                        + new java.util.TreeSet<>(JAVA_RUNTIMES) + ")");
            }
            if (props.containsKey("InlineCode")) {
                problems.add(id + ": InlineCode is not emulated");
            }
            String handler = stringOrNull(props.get("Handler"));
            if (handler == null) {
                problems.add(id + ": no Handler");
            }
            for (String key : props.keySet()) {
                switch (key) {
                    case "Layers" -> notes.add(id + ": Layers not loaded");
                    case "ProvisionedConcurrencyConfig" -> notes.add(id + ": provisioned concurrency not emulated;"
                            + " environments are created on demand");
                    case "VpcConfig", "FileSystemConfigs", "DeadLetterQueue", "EventInvokeConfig", "FunctionUrlConfig" ->
                            notes.add(id + ": " + key + " ignored");
                    default -> {
                        if (!IGNORED_FUNCTION_PROPERTIES.contains(key) && !key.equals("PackageType") && !key.equals("InlineCode")
                                && !key.equals("SnapStart") && !key.equals("Layers")) {
                            notes.add(id + ": property " + key + " ignored");
                        }
                    }
                }
            }
            var routes = new ArrayList<RouteSpec>();
            var events = stringMap(props.getOrDefault("Events", Map.of()));
            for (var e : events.entrySet()) {
                var event = stringMap(e.getValue());
                String type = String.valueOf(event.get("Type"));
                String where = id + " event " + e.getKey();
                var eventProps = stringMap(event.getOrDefault("Properties", Map.of()));
                switch (type) {
                    case "HttpApi" -> apis.httpRoute(where, eventProps).ifPresent(routes::add);
                    case "Api" -> apis.restRoute(where, eventProps).ifPresent(routes::add);
                    default -> problems.add(where + ": Type " + type + " is not emulated (HttpApi and Api events only)");
                }
            }
            if (events.isEmpty()) {
                notes.add(id + ": no HttpApi or Api events; reachable with 'invoke' only");
            }
            int timeout = intProperty(id, props, "Timeout", 3, 1, 900);
            int memory = intProperty(id, props, "MemorySize", 128, 128, 10240);
            OptionalInt reserved = props.containsKey("ReservedConcurrentExecutions")
                    ? OptionalInt.of(intProperty(id, props, "ReservedConcurrentExecutions", 0, 0, Integer.MAX_VALUE))
                    : OptionalInt.empty();
            var environment = environment(id, props);
            if (problems.size() > before) {
                return Optional.empty();
            }
            String functionName = props.containsKey("FunctionName")
                    ? Intrinsics.scalar(intrinsics.resolve(props.get("FunctionName")))
                    : stack.name() + "-" + id;
            int sep = handler.indexOf("::");
            String handlerClass = sep < 0 ? handler : handler.substring(0, sep);
            String handlerMethod = sep < 0 ? "handleRequest" : handler.substring(sep + 2);
            var snapStart = stringMap(intrinsics.resolve(props.getOrDefault("SnapStart", Map.of())));
            return Optional.of(new FunctionSpec(id, functionName, handlerClass, handlerMethod, runtime, timeout, memory,
                    reserved, environment, routes, handler, Optional.ofNullable(stringOrNull(props.get("CodeUri"))),
                    "PublishedVersions".equals(snapStart.get("ApplyOn")), localStackSetting(id, metadata, "Isolation")));
        }

        private Map<String, String> environment(String id, Map<String, Object> props) {
            var variables = stringMap(stringMap(props.getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of()));
            var result = new LinkedHashMap<String, String>();
            for (var e : variables.entrySet()) {
                Object value = intrinsics.resolve(e.getValue());
                if (Intrinsics.isNoValue(value)) {
                    continue;   // !Ref AWS::NoValue: the variable is absent
                }
                switch (value) {
                    case Intrinsics.Unresolved u -> notes.add(id + ": " + e.getKey() + " left unset locally: " + u.reason()
                            + " (set it with --env-vars)");
                    case Map<?, ?> m -> problems.add(id + ": Environment " + e.getKey() + " is not a scalar: " + m);
                    case List<?> l -> problems.add(id + ": Environment " + e.getKey() + " is not a scalar: " + l);
                    case null -> result.put(e.getKey(), "");
                    default -> result.put(e.getKey(), Intrinsics.scalar(value));
                }
            }
            for (String scope : List.of("Parameters", id)) {
                envVars.getOrDefault(scope, Map.of()).forEach((k, v) -> {
                    if (variables.containsKey(k)) {
                        result.put(k, v);
                    } else if (!scope.equals("Parameters")) {
                        notes.add(id + ": --env-vars " + k + " ignored: the template does not declare it (as in SAM)");
                    }
                });
            }
            return result;
        }

        private int intProperty(String id, Map<String, Object> props, String key, int dflt, int min, int max) {
            Object raw = props.get(key);
            if (raw == null) {
                return dflt;
            }
            String text = Intrinsics.scalar(intrinsics.resolve(raw));
            try {
                int value = Integer.parseInt(text);
                if (value < min || value > max) {
                    problems.add(id + ": " + key + " " + value + " is outside " + min + ".." + max);
                }
                return value;
            } catch (NumberFormatException e) {
                problems.add(id + ": " + key + " is not an integer: " + text);
                return dflt;
            }
        }

        private String stringOrNull(Object raw) {
            if (raw == null) {
                return null;
            }
            Object value = intrinsics.resolve(raw);
            return value instanceof Intrinsics.Unresolved ? null : Intrinsics.scalar(value);
        }

        private void checkDuplicateRoutes(List<FunctionSpec> functions) {
            var seen = new LinkedHashMap<String, String>();
            for (var f : functions) {
                for (var r : f.routes()) {
                    // Every API is served from the one port (REST paths without their stage), as sam local does.
                    String previous = seen.putIfAbsent(r.routeKey(), f.logicalId() + " (" + r.api().logicalId() + ")");
                    if (previous != null) {
                        problems.add("route " + r.routeKey() + " is declared by both " + previous + " and " + f.logicalId()
                                + " (" + r.api().logicalId() + "); the local stack serves every API on one port");
                    }
                }
            }
        }
    }

    /** Globals.Function under the function's own properties; Environment.Variables maps are merged. */
    private static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> own) {
        var merged = new LinkedHashMap<>(globals);
        merged.putAll(own);
        var globalVars = stringMap(stringMap(globals.getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of()));
        var ownVars = stringMap(stringMap(own.getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of()));
        if (!globalVars.isEmpty() || !ownVars.isEmpty()) {
            var vars = new LinkedHashMap<>(globalVars);
            vars.putAll(ownVars);
            merged.put("Environment", Map.of("Variables", vars));
        }
        return merged;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> stringMap(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new TemplateException("expected a mapping, got " + value);
        }
        var copy = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }
}
