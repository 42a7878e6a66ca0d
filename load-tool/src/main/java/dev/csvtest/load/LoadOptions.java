package dev.csvtest.load;

import java.nio.file.Path;
import java.time.Duration;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * What the load tool was asked to do, as parsed and checked by its command line ({@link LoadCommand}).
 *
 * <p>Two modes: <b>burst</b> (default) fires {@link #requests()} GETs at once and waits for all of them;
 * <b>closed loop</b> ({@code --duration}) keeps {@link #concurrency()} requests in flight for a fixed time and
 * reports requests per second.
 *
 * @param url          the URL template; {@code {i}} is replaced by the request number
 * @param requests     N, the number of concurrent requests in burst mode
 * @param suffix       whether {@code tab={i}} is appended to each request's URL
 * @param delaySeconds the delay wall time is compared with: {@code --delay}, else the URL's {@code delay=}, else null
 * @param timeout      per-request limit, connect to last body byte
 * @param json         where to write the results as JSON, or null
 * @param maxRatio     fail when wall/delay exceeds this, or null
 * @param duration     closed-loop run time, or null in burst mode
 * @param concurrency  closed-loop requests in flight
 * @param progress     live progress on stderr
 * @param client       the HTTP client
 * @param label        a free-form name copied into the JSON results, or null
 * @param warmup       requests fired first at an in-process loopback server to warm the client (0 = none)
 */
public record LoadOptions(String url, int requests, boolean suffix, Double delaySeconds, Duration timeout, Path json,
                          Double maxRatio, Duration duration, int concurrency, boolean progress, ClientKind client,
                          String label, int warmup) {

    /** {@code raw}: one socket per request on a virtual thread (default). {@code jdk}: java.net.http.HttpClient. */
    public enum ClientKind { RAW, JDK }

    /** Parses and checks {@code args}; throws {@link ParameterException} naming the bad option. */
    public static LoadOptions parse(String... args) {
        var command = new LoadCommand();
        var cli = new CommandLine(command);
        cli.parseArgs(args);
        command.check(cli);
        return command.options();
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
}
