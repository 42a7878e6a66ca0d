package dev.csvtest.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The load tool's command line: every option, its default and its check, in one picocli command. {@link LoadTool}
 * parses into it, checks it and hands the runner and the reports its {@link #options()}.
 */
@Command(name = "load-tool", versionProvider = LoadCommand.Version.class,
        sortOptions = false, usageHelpWidth = 100,
        customSynopsis = "java -XX:TieredStopAtLevel=1 -jar load-tool.jar --url URL [-n N | --duration DURATION] "
                + "[OPTIONS]",
        description = {
            "Fires N concurrent GETs at a URL, each on its own connection as separate browsers would, and reports wall "
                + "time against the requested delay, latency percentiles and a histogram. Burst mode (default): -n "
                + "requests at once. Closed loop (--duration): --concurrency requests in flight for a fixed time, "
                + "reported as requests per second.",
            ""},
        footer = {"",
            "DURATION: 500ms, 10s, 2m, or a number of seconds (1.5).",
            "Exit status: 0 every request got a 2xx (and wall/delay stayed within --max-ratio); 1 a request failed, "
                + "the ratio was exceeded or the warm-up failed; 2 bad command line, or the --json file could not be "
                + "written."})
final class LoadCommand {

    private static final Pattern DELAY_PARAM = Pattern.compile("(?:^|[?&])delay=([^&#]*)");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

    @Option(names = "--url", required = true, paramLabel = "URL", converter = UrlTemplate.class,
            description = "Target, http:// or https://; {i} in it is replaced by the request number.")
    private String url;

    @Option(names = {"-n", "--requests"}, paramLabel = "N", defaultValue = "1", converter = PositiveInt.class,
            description = "Burst mode: N concurrent GETs, each on its own connection (default: ${DEFAULT-VALUE}).")
    private int requests;

    @Option(names = "--suffix",
            description = "Append tab={i} to each URL (with ? or &), so every request is distinct.")
    private boolean suffix;

    @Option(names = "--delay", paramLabel = "SECONDS", converter = NonNegativeNumber.class,
            description = "The delay to compare wall time with (default: the URL's delay= parameter).")
    private Double delay;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "Per-request limit, connect to last body byte (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = "--max-ratio", paramLabel = "R", converter = PositiveNumber.class,
            description = "Exit 1 when wall/delay > R (burst mode; needs a delay > 0).")
    private Double maxRatio;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    private Path json;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Closed-loop mode: keep --concurrency requests in flight this long; report req/s.")
    private Duration duration;

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "32", converter = PositiveInt.class,
            description = "Closed-loop requests in flight (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(names = "--client", paramLabel = "raw|jdk", defaultValue = "raw", converter = ClientConverter.class,
            description = "raw: a socket per request on a virtual thread (default); jdk: the JDK's HttpClient.")
    private LoadOptions.ClientKind client;

    @Option(names = "--label", paramLabel = "TEXT", description = "A name recorded in the JSON results.")
    private String label;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "200", converter = NonNegativeInt.class,
            description = "First warm the client up with N requests to an in-process server; the target never sees "
                    + "them (default: ${DEFAULT-VALUE}; 0 = off).")
    private int warmup;

    @Option(names = "--no-progress", description = "No live progress on stderr.")
    private boolean noProgress;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    private boolean version;

    /** The checks that involve more than one option; call after parsing. Throws {@link ParameterException}. */
    void check(CommandLine cli) {
        if (maxRatio != null && duration != null) {
            throw new ParameterException(cli, "--max-ratio applies to burst mode, not to --duration");
        }
        var d = delaySeconds();
        if (maxRatio != null && (d == null || d == 0)) {
            throw new ParameterException(cli,
                    "--max-ratio needs a delay > 0 (from --delay or the URL's delay= parameter)");
        }
    }

    /** The parsed options, for the runner and the reports. */
    LoadOptions options() {
        return new LoadOptions(url, requests, suffix, delaySeconds(), timeout, json, maxRatio, duration, concurrency,
                !noProgress, client, label, warmup);
    }

    /** {@code --delay}, else the URL's {@code delay=}, else null. */
    private Double delaySeconds() {
        return delay != null ? delay : delayFromUrl(url);
    }

    /** The {@code delay=} query parameter of a URL in seconds, or null when absent or not a number. */
    static Double delayFromUrl(String url) {
        var m = DELAY_PARAM.matcher(url.contains("?") ? url.substring(url.indexOf('?')) : "");
        if (!m.find()) {
            return null;
        }
        try {
            var d = Double.parseDouble(m.group(1));
            return Double.isFinite(d) && d >= 0 ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m} or plain seconds ({@code 1.5}); must be greater than zero. */
    static Duration duration(String text) {
        var m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + text + "' is not a duration (e.g. 500ms, 10s, 2m, 1.5)");
        }
        var n = Double.parseDouble(m.group(1));
        var millis = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> n;
            case "m" -> n * 60_000;
            default -> n * 1000;
        };
        if (millis <= 0) {
            throw new TypeConversionException("must be greater than zero, got " + text);
        }
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    /** A whole number, {@code 10_000} and {@code 10,000} allowed. */
    private static int wholeNumber(String text, int min) {
        int n;
        try {
            n = Integer.parseInt(text.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a whole number");
        }
        if (n < min) {
            throw new TypeConversionException("must be at least " + min + ", got " + text);
        }
        return n;
    }

    private static double number(String text, boolean zeroAllowed) {
        double d;
        try {
            d = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a number");
        }
        if (!Double.isFinite(d)) {
            throw new TypeConversionException("'" + text + "' is not a number");
        }
        if (zeroAllowed ? d < 0 : d <= 0) {
            throw new TypeConversionException((zeroAllowed ? "must not be negative" : "must be greater than zero")
                    + ", got " + text);
        }
        return d;
    }

    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return wholeNumber(text, 1);
        }
    }

    static final class NonNegativeInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return wholeNumber(text, 0);
        }
    }

    static final class PositiveNumber implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            return number(text, false);
        }
    }

    static final class NonNegativeNumber implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            return number(text, true);
        }
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return duration(text);
        }
    }

    static final class ClientConverter implements ITypeConverter<LoadOptions.ClientKind> {
        @Override
        public LoadOptions.ClientKind convert(String text) {
            return switch (text) {
                case "raw" -> LoadOptions.ClientKind.RAW;
                case "jdk" -> LoadOptions.ClientKind.JDK;
                default -> throw new TypeConversionException("'" + text + "' is not one of raw, jdk");
            };
        }
    }

    /** Checks that the URL (with {@code {i}} as 0) is an http(s) URL with a host; keeps the template as it is. */
    static final class UrlTemplate implements ITypeConverter<String> {
        @Override
        public String convert(String url) {
            URI uri;
            try {
                uri = new URI(url.replace("{i}", "0"));
            } catch (URISyntaxException e) {
                throw new TypeConversionException("'" + url + "' is not a valid URL (" + e.getReason()
                        + "); quote it in the shell, e.g. --url 'http://127.0.0.1:3000/csv_test?delay=10'");
            }
            var scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new TypeConversionException("'" + url + "' must start with http:// or https://");
            }
            if (uri.getHost() == null) {
                throw new TypeConversionException("'" + url + "' has no host");
            }
            return url;
        }
    }

    /** {@code --version}: the jar's Implementation-Version, or "development build" when run from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            var version = LoadCommand.class.getPackage().getImplementationVersion();
            return new String[] {"load-tool " + (version == null ? "(development build)" : version),
                "Java ${java.version} (${java.vm.name})"};
        }
    }
}
