package dev.csvtest.local.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions against local values.
 *
 * <p>{@code Ref} of a parameter gives its value; of a pseudo parameter a local stand-in; of a resource its local
 * physical name (an S3 bucket's {@code BucketName}, else {@code <stack>-<logicalid>} in lower case). What has no local
 * meaning (a CloudFront distribution's domain name, an import) resolves to {@link Unresolved}, which the caller turns
 * into a warning rather than a made-up value.
 */
final class Intrinsics {

    /** A value that has no local equivalent; {@code reason} says why, for the warning. */
    record Unresolved(String reason) {
    }

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Map<String, Object> parameters;
    private final Map<String, Object> resources;
    private final Map<String, Object> conditions;
    private final Map<String, Object> mappings;
    private final StackIdentity stack;
    private final Map<String, Boolean> evaluatedConditions = new HashMap<>();

    Intrinsics(Map<String, Object> parameters, Map<String, Object> resources, Map<String, Object> conditions,
               Map<String, Object> mappings, StackIdentity stack) {
        this.parameters = parameters;
        this.resources = resources;
        this.conditions = conditions;
        this.mappings = mappings;
        this.stack = stack;
    }

    /** Resolves every intrinsic in {@code value}, recursively. Maps and lists are copied. */
    Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                var entry = map.entrySet().iterator().next();
                String key = String.valueOf(entry.getKey());
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return function(key, entry.getValue());
                }
            }
            var copy = new LinkedHashMap<String, Object>();
            for (var e : map.entrySet()) {
                Object resolved = resolve(e.getValue());
                if (!isNoValue(resolved)) {
                    copy.put(String.valueOf(e.getKey()), resolved);
                }
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            var copy = new ArrayList<>();
            for (Object item : list) {
                Object resolved = resolve(item);
                if (!isNoValue(resolved)) {
                    copy.add(resolved);
                }
            }
            return copy;
        }
        return value;
    }

    /** The local physical name of a resource (what {@code !Ref Resource} gives). */
    String physicalName(String logicalId) {
        Object resource = resources.get(logicalId);
        if (resource instanceof Map<?, ?> r && "AWS::S3::Bucket".equals(r.get("Type"))
                && r.get("Properties") instanceof Map<?, ?> props && props.get("BucketName") != null) {
            Object name = resolve(props.get("BucketName"));
            if (name instanceof String s) {
                return s;
            }
        }
        String name = (stack.name() + "-" + logicalId).toLowerCase(Locale.ROOT);
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    boolean condition(String name) {
        Boolean known = evaluatedConditions.get(name);
        if (known != null) {
            return known;
        }
        Object definition = conditions.get(name);
        if (definition == null) {
            throw new TemplateException("unknown condition " + name);
        }
        boolean result = truthy(resolve(definition), "condition " + name);
        evaluatedConditions.put(name, result);
        return result;
    }

    private Object function(String name, Object argument) {
        return switch (name) {
            case "Ref" -> ref(String.valueOf(argument));
            case "Fn::Sub" -> sub(argument);
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::Join" -> join(argument);
            case "Fn::If" -> ifFunction(argument);
            case "Fn::Select" -> select(argument);
            case "Fn::Split" -> split(argument);
            case "Fn::Equals" -> equalsFunction(argument);
            case "Fn::Not" -> !truthy(resolve(list(argument, name).getFirst()), name);
            case "Fn::And" -> list(argument, name).stream().allMatch(a -> truthy(resolve(a), name));
            case "Fn::Or" -> list(argument, name).stream().anyMatch(a -> truthy(resolve(a), name));
            case "Fn::FindInMap" -> findInMap(argument);
            default -> new Unresolved(name + " has no local equivalent");
        };
    }

    private Object ref(String name) {
        if (parameters.containsKey(name)) {
            Object value = parameters.get(name);
            if (value == null) {
                throw new TemplateException("parameter " + name + " has no Default and no --parameter-overrides value");
            }
            return value;
        }
        return switch (name) {
            case "AWS::Region" -> stack.region();
            case "AWS::AccountId" -> StackIdentity.ACCOUNT_ID;
            case "AWS::StackName" -> stack.name();
            case "AWS::StackId" -> stack.stackId();
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::NoValue" -> NO_VALUE;
            case "AWS::NotificationARNs" -> List.of();
            default -> {
                if (resources.containsKey(name)) {
                    yield physicalName(name);
                }
                // SAM's AutoPublishAlias adds <Function>.Version and <Function>.Alias: locally there is only $LATEST.
                int dot = name.lastIndexOf('.');
                if (dot > 0 && resources.containsKey(name.substring(0, dot))
                        && (name.endsWith(".Version") || name.endsWith(".Alias"))) {
                    yield stack.functionArn(physicalName(name.substring(0, dot))) + ":$LATEST";
                }
                throw new TemplateException("!Ref " + name + ": no such parameter or resource");
            }
        };
    }

    private Object getAtt(Object argument) {
        var parts = list(argument, "Fn::GetAtt");
        if (parts.size() != 2) {
            throw new TemplateException("Fn::GetAtt needs [Resource, Attribute], got " + argument);
        }
        String logicalId = String.valueOf(resolve(parts.get(0)));
        String attribute = String.valueOf(resolve(parts.get(1)));
        if (!(resources.get(logicalId) instanceof Map<?, ?> resource)) {
            throw new TemplateException("!GetAtt " + logicalId + "." + attribute + ": no such resource");
        }
        String type = String.valueOf(resource.get("Type"));
        String physical = physicalName(logicalId);
        return switch (type + "." + attribute) {
            case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + physical;
            case "AWS::S3::Bucket.DomainName" -> physical + ".s3.amazonaws.com";
            case "AWS::S3::Bucket.RegionalDomainName" -> physical + ".s3." + stack.region() + ".amazonaws.com";
            case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" -> stack.functionArn(physical);
            case "AWS::CloudFront::Distribution.DomainName" ->
                    new Unresolved("CloudFront distribution " + logicalId + " has no local domain name");
            default -> new Unresolved("!GetAtt " + logicalId + "." + attribute + " (" + type + ") has no local value");
        };
    }

    private Object sub(Object argument) {
        String template;
        Map<?, ?> variables = Map.of();
        if (argument instanceof List<?> parts) {
            if (parts.size() != 2 || !(parts.get(1) instanceof Map<?, ?> vars)) {
                throw new TemplateException("Fn::Sub needs a string or [string, {variables}], got " + argument);
            }
            template = String.valueOf(parts.get(0));
            variables = vars;
        } else {
            template = String.valueOf(argument);
        }
        Matcher m = SUB_VARIABLE.matcher(template);
        var out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1).trim();
            Object replacement;
            if (variable.startsWith("!")) {
                replacement = "${" + variable.substring(1) + "}";
            } else if (variables.containsKey(variable)) {
                replacement = resolve(variables.get(variable));
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                int dot = variable.indexOf('.');
                replacement = getAtt(List.of(variable.substring(0, dot), variable.substring(dot + 1)));
            } else {
                replacement = ref(variable);
            }
            if (replacement instanceof Unresolved unresolved) {
                return unresolved;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(scalar(replacement)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Object join(Object argument) {
        var parts = list(argument, "Fn::Join");
        String delimiter = String.valueOf(parts.get(0));
        Object values = resolve(parts.get(1));
        var joined = new ArrayList<String>();
        for (Object v : list(values, "Fn::Join")) {
            Object resolved = resolve(v);
            if (resolved instanceof Unresolved) {
                return resolved;
            }
            joined.add(scalar(resolved));
        }
        return String.join(delimiter, joined);
    }

    private Object ifFunction(Object argument) {
        var parts = list(argument, "Fn::If");
        if (parts.size() != 3) {
            throw new TemplateException("Fn::If needs [Condition, then, else], got " + argument);
        }
        return resolve(condition(String.valueOf(parts.get(0))) ? parts.get(1) : parts.get(2));
    }

    private Object select(Object argument) {
        var parts = list(argument, "Fn::Select");
        int index = Integer.parseInt(scalar(resolve(parts.get(0))));
        Object values = resolve(parts.get(1));
        if (values instanceof Unresolved) {
            return values;
        }
        return list(values, "Fn::Select").get(index);
    }

    private Object split(Object argument) {
        var parts = list(argument, "Fn::Split");
        Object source = resolve(parts.get(1));
        if (source instanceof Unresolved) {
            return source;
        }
        return List.of(scalar(source).split(Pattern.quote(String.valueOf(parts.get(0))), -1));
    }

    private Object equalsFunction(Object argument) {
        var parts = list(argument, "Fn::Equals");
        return scalar(resolve(parts.get(0))).equals(scalar(resolve(parts.get(1))));
    }

    private Object findInMap(Object argument) {
        var parts = list(argument, "Fn::FindInMap");
        Object level = mappings.get(scalar(resolve(parts.get(0))));
        for (int i = 1; i < 3; i++) {
            if (!(level instanceof Map<?, ?> m)) {
                throw new TemplateException("Fn::FindInMap " + argument + ": no such mapping");
            }
            level = m.get(scalar(resolve(parts.get(i))));
        }
        if (level == null) {
            throw new TemplateException("Fn::FindInMap " + argument + ": no such key");
        }
        return level;
    }

    private boolean truthy(Object value, String where) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Map<?, ?> m && m.size() == 1 && m.get("Condition") instanceof String other) {
            return condition(other);
        }
        if (value instanceof Unresolved u) {
            throw new TemplateException(where + ": " + u.reason());
        }
        return Boolean.parseBoolean(String.valueOf(value));
    }

    /** Turns a resolved scalar into the string CloudFormation would substitute. */
    static String scalar(Object value) {
        if (value instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    private static List<?> list(Object value, String where) {
        if (value instanceof List<?> l) {
            return l;
        }
        throw new TemplateException(where + " expects a list, got " + value);
    }

    private static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    static boolean isNoValue(Object value) {
        return value == NO_VALUE;
    }
}
