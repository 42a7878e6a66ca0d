package dev.csvtest.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The load tool's command line, parsed and validated in one place.
 *
 * <p>Two modes: <b>burst</b> (default) fires {@code requests} GETs at once and waits for all of them;
 * <b>closed loop</b> ({@code --duration}) keeps {@code concurrency} requests in flight for a fixed time and
 * reports requests per second.
 *
 * @param url            the URL template; {@code {i}} is replaced by the request number
 * @param requests       N, the number of concurrent requests in burst mode
 * @param suffix         whether to append {@code tab={i}} (with {@code ?} or {@code &}) to each request's URL
 * @param delaySeconds   the delay that wall time is compared with; from {@code --delay} or the URL's {@code delay=}
 * @param timeout        per-request limit, connect to last body byte
 * @param json           where to write results as JSON, or null
 * @param maxRatio       fail when wall/delay exceeds this, or null
 * @param duration       closed-loop run time, or null for burst mode
 * @param concurrency    closed-loop requests in flight
 * @param progress       live progress on stderr
 * @param client         which HTTP client implementation fires the requests
 * @param label          a free-form name copied into the JSON results
 * @param warmup         requests fired first at an in-process loopback server to warm the client (0 = none)
 */
public record LoadOptions(String url, int requests, boolean suffix, Double delaySeconds, Duration timeout,
                          Path json, Double maxRatio, Duration duration, int concurrency, boolean progress,
                          ClientKind client, String label, int warmup) {

    /** {@code raw}: one socket per request on a virtual thread (default). {@code jdk}: java.net.http.HttpClient. */
    public enum ClientKind { RAW, JDK }

    public static final String USAGE = """
            usage: LoadTool --url URL [options]

              --url URL            target (http or https); {i} in it is replaced by the request number
              -n, --requests N     burst mode: N concurrent GETs, each on its own connection (default 1)
              --suffix             append tab={i} to each URL (with ? or &), so every request is distinct
              --delay SECONDS      the delay to compare wall time with (default: the URL's delay= parameter)
              --timeout DURATION   per-request limit, connect to last byte (default 60s; 500ms, 10s, 2m or seconds)
              --max-ratio R        exit 1 when wall/delay > R (burst mode; needs a delay > 0)
              --json FILE          write the results as JSON
              --duration DURATION  closed-loop mode: keep --concurrency requests in flight this long, report req/s
              --concurrency C      closed-loop requests in flight (default 32)
              --client raw|jdk     raw sockets on virtual threads (default) or java.net.http.HttpClient
              --label TEXT         a name recorded in the JSON results
              --warmup N           first warm the client with N requests to an in-process server (default 200, 0 = off);
                                   the target never sees them
              --no-progress        no live progress on stderr
              -h, --help           this text

            Exit status: 0 all requests 2xx (and ratio within --max-ratio); 1 a request failed or the ratio
            was exceeded; 2 bad command line.""";

    private static final Pattern DELAY_PARAM = Pattern.compile("(?:^|[?&])delay=([^&#]*)");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

    /** Parses and validates; never returns null. Throws {@link UsageException} naming the bad flag. */
    public static LoadOptions parse(String[] args) throws UsageException {
        String url = null;
        int requests = 1;
        boolean suffix = false;
        Double delay = null;
        Duration timeout = Duration.ofSeconds(60);
        Path json = null;
        Double maxRatio = null;
        Duration duration = null;
        int concurrency = 32;
        boolean progress = true;
        var client = ClientKind.RAW;
        String label = null;
        int warmup = 200;

        var queue = new ArrayList<>(List.of(args));
        while (!queue.isEmpty()) {
            var arg = queue.removeFirst();
            String inline = null;
            if (arg.startsWith("--") && arg.contains("=")) {
                inline = arg.substring(arg.indexOf('=') + 1);
                arg = arg.substring(0, arg.indexOf('='));
            }
            switch (arg) {
                case "-h", "--help" -> throw new UsageException("help");
                case "--suffix" -> suffix = noValue(arg, inline);
                case "--no-progress" -> progress = !noValue(arg, inline);
                case "--url" -> url = value(arg, inline, queue);
                case "-n", "--requests" -> requests = positiveInt(arg, value(arg, inline, queue));
                case "--delay" -> delay = nonNegative(arg, value(arg, inline, queue));
                case "--timeout" -> timeout = duration(arg, value(arg, inline, queue));
                case "--json" -> json = Path.of(value(arg, inline, queue));
                case "--max-ratio" -> maxRatio = positive(arg, value(arg, inline, queue));
                case "--duration" -> duration = duration(arg, value(arg, inline, queue));
                case "--concurrency" -> concurrency = positiveInt(arg, value(arg, inline, queue));
                case "--warmup" -> warmup = nonNegativeInt(arg, value(arg, inline, queue));
                case "--label" -> label = value(arg, inline, queue);
                case "--client" -> client = clientKind(value(arg, inline, queue));
                default -> throw new UsageException(arg.startsWith("-")
                        ? "unknown option " + arg : "unexpected argument '" + arg + "' (did you mean --url " + arg + "?)");
            }
        }
        if (url == null) {
            throw new UsageException("--url is required");
        }
        checkUrl(url);
        if (delay == null) {
            delay = delayFromUrl(url);
        }
        if (maxRatio != null && duration != null) {
            throw new UsageException("--max-ratio applies to burst mode, not to --duration");
        }
        if (maxRatio != null && (delay == null || delay == 0)) {
            throw new UsageException("--max-ratio needs a delay > 0 (from --delay or the URL's delay= parameter)");
        }
        return new LoadOptions(url, requests, suffix, delay, timeout, json, maxRatio, duration, concurrency,
                progress, client, label, warmup);
    }

    /** The URL for request {@code i}: the template's {@code {i}} replaced, and the suffix appended when asked. */
    public String urlFor(int i) {
        var u = url.replace("{i}", Integer.toString(i));
        if (suffix) {
            var hash = u.indexOf('#');
            var fragment = hash < 0 ? "" : u.substring(hash);
            var base = hash < 0 ? u : u.substring(0, hash);
            u = base + (base.contains("?") ? "&" : "?") + "tab=" + i + fragment;
        }
        return u;
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

    static Duration duration(String flag, String text) throws UsageException {
        var m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException(flag + ": '" + text + "' is not a duration (e.g. 500ms, 10s, 2m, 1.5)");
        }
        var n = Double.parseDouble(m.group(1));
        var unit = m.group(2) == null ? "s" : m.group(2);
        var millis = switch (unit) {
            case "ms" -> n;
            case "m" -> n * 60_000;
            default -> n * 1000;
        };
        if (millis <= 0) {
            throw new UsageException(flag + ": must be greater than zero");
        }
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    private static void checkUrl(String url) throws UsageException {
        try {
            var uri = new URI(url.replace("{i}", "0"));
            var scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new UsageException("--url: '" + url + "' must start with http:// or https://");
            }
            if (uri.getHost() == null) {
                throw new UsageException("--url: '" + url + "' has no host");
            }
        } catch (URISyntaxException e) {
            throw new UsageException("--url: '" + url + "' is not a valid URL (" + e.getReason()
                    + "); quote it in the shell, e.g. --url 'http://127.0.0.1:3000/csv_test?delay=10'");
        }
    }

    private static boolean noValue(String flag, String inline) throws UsageException {
        if (inline != null) {
            throw new UsageException(flag + " takes no value");
        }
        return true;
    }

    private static String value(String flag, String inline, List<String> queue) throws UsageException {
        if (inline != null) {
            return inline;
        }
        if (queue.isEmpty() || (queue.getFirst().startsWith("--") && !flag.equals("--label"))) {
            throw new UsageException(flag + " needs a value");
        }
        return queue.removeFirst();
    }

    private static int nonNegativeInt(String flag, String text) throws UsageException {
        return text.equals("0") ? 0 : positiveInt(flag, text);
    }

    private static int positiveInt(String flag, String text) throws UsageException {
        try {
            var n = Integer.parseInt(text.replace("_", "").replace(",", ""));
            if (n < 1) {
                throw new UsageException(flag + ": must be at least 1, got " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": '" + text + "' is not a whole number");
        }
    }

    private static double nonNegative(String flag, String text) throws UsageException {
        var d = number(flag, text);
        if (d < 0) {
            throw new UsageException(flag + ": must not be negative, got " + text);
        }
        return d;
    }

    private static double positive(String flag, String text) throws UsageException {
        var d = number(flag, text);
        if (d <= 0) {
            throw new UsageException(flag + ": must be greater than zero, got " + text);
        }
        return d;
    }

    private static double number(String flag, String text) throws UsageException {
        try {
            var d = Double.parseDouble(text);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": '" + text + "' is not a number");
        }
    }

    private static ClientKind clientKind(String text) throws UsageException {
        return switch (text) {
            case "raw" -> ClientKind.RAW;
            case "jdk" -> ClientKind.JDK;
            default -> throw new UsageException("--client: '" + text + "' is not one of raw, jdk");
        };
    }
}
