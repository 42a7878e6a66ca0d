package dev.csvtest.function.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads typed values out of a function's environment map; every bad value throws
 * {@link InvalidConfigurationException} naming its variable.
 *
 * <p>A blank value counts as unset, because SAM templates commonly pass {@code ""} for an optional parameter. The map
 * is passed in rather than read from {@code System.getenv}: the local stack runs many functions in one JVM, each with
 * its own environment.
 */
public final class EnvironmentReader {

    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    /** How much of a bad value an init error echoes: enough to recognise it, never a whole secret or document. */
    private static final int ECHO_CHARS = 40;

    private final Map<String, String> environment;

    public EnvironmentReader(Map<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new InvalidConfigurationException(name, "is required but not set"));
    }

    /** A whole number in {@code [min, max]}, or {@code defaultValue} when unset. */
    public long integer(String name, long defaultValue, long min, long max) {
        var raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        var text = raw.get();
        if (!DIGITS.matcher(text).matches()) {
            throw new InvalidConfigurationException(name,
                    "must be a whole number between " + min + " and " + max + ", got '" + echo(text) + "'");
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            value = Long.MAX_VALUE; // 19 digits above Long.MAX_VALUE: out of range below
        }
        if (value < min || value > max) {
            throw new InvalidConfigurationException(name, "must be between " + min + " and " + max + ", got " + echo(text));
        }
        return value;
    }

    /** {@code true} or {@code false} in any case; unset is false. */
    public boolean bool(String name) {
        var raw = optional(name);
        if (raw.isEmpty()) {
            return false;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidConfigurationException(name, "must be 'true' or 'false', got '" + echo(raw.get()) + "'");
        };
    }

    /** An absolute http or https URL with a host. */
    public Optional<URI> httpUrl(String name) {
        return optional(name).map(text -> {
            try {
                var uri = new URI(text);
                var scheme = uri.getScheme();
                if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                        || uri.getHost() == null) {
                    throw new InvalidConfigurationException(name, "must be an absolute http(s) URL, got '" + echo(text) + "'");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new InvalidConfigurationException(name, "is not a valid URL: '" + echo(text) + "'");
            }
        });
    }

    /** A required AWS Region name such as {@code eu-west-1}. */
    public String region(String name) {
        var region = required(name);
        if (!REGION.matcher(region).matches()) {
            throw new InvalidConfigurationException(name, "must be an AWS Region name such as eu-west-1, got '" + echo(region) + "'");
        }
        return region;
    }

    /** At most {@value #ECHO_CHARS} characters of a bad value, without line breaks, for the init error. */
    private static String echo(String value) {
        var flat = value.replaceAll("[\\r\\n]", " ");
        return flat.length() <= ECHO_CHARS ? flat : flat.substring(0, ECHO_CHARS) + "…";
    }
}
