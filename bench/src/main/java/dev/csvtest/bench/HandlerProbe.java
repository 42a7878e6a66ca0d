package dev.csvtest.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import dev.csvtest.s3.EmbeddedS3;
import dev.csvtest.testkit.FaultyS3Proxy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures the handler outside any server, in a fresh JVM, for docs/performance.md:
 * <ul>
 *   <li><b>cold init</b>: the constructor (config, S3 client, priming) with an embedded S3 seeded with sample.csv;</li>
 *   <li><b>invocations</b>: {@code handleRequest} with {@code delay=D}; with {@code --s3-latency-ms L} every S3 request
 *       goes through the test kit's {@link FaultyS3Proxy} in latency mode, so a handler that overlaps its fetch with
 *       the delay answers in about {@code max(D, L)}.</li>
 * </ul>
 * Prints one JSON object. The handler is loaded by name so this probe compiles before the function exists.
 */
@Command(name = "HandlerProbe", mixinStandardHelpOptions = true, versionProvider = Commands.Version.class,
        sortOptions = false,
        description = "Runs the Lambda handler in this JVM against an embedded S3 and prints one JSON object: "
                + "jvmStartToMainMs, initMs (the handler's constructor), invokeMs (each handleRequest) and statuses.")
public final class HandlerProbe implements Callable<Integer> {

    public static final String DEFAULT_HANDLER = "dev.csvtest.function.CsvTestHandler";
    static final String BUCKET = "csv-test-bench";
    static final String KEY = "sample.csv";
    private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d+)?");
    /** When this class was initialised: just before main runs, so parsing the command line counts as the probe's. */
    private static final long MAIN_MILLIS = System.currentTimeMillis();

    @Spec
    private CommandSpec spec;

    @Option(names = "--handler", paramLabel = "CLASS", defaultValue = DEFAULT_HANDLER,
            description = "The handler class, with a constructor taking the environment map or none "
                    + "(default: ${DEFAULT-VALUE}).")
    String handlerClass;

    @Option(names = "--delay", paramLabel = "D", defaultValue = "0",
            description = "The delay= query parameter of every invocation, in seconds (default: ${DEFAULT-VALUE}).")
    String delay;

    @Option(names = "--s3-latency-ms", paramLabel = "L", defaultValue = "0",
            description = "Added before each S3 request, in milliseconds (default: ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--invocations", paramLabel = "K", defaultValue = "1",
            description = "How many times handleRequest is called (default: ${DEFAULT-VALUE}).")
    int invocations;

    public static void main(String[] args) {
        // System.exit also ends what the handler may have left running (its SDK client's threads).
        System.exit(Commands.execute(new HandlerProbe(), args));
    }

    @Override
    public Integer call() throws Exception {
        Commands.require(spec, SECONDS.matcher(delay).matches(), "--delay: '" + delay + "' is not a number of seconds");
        Commands.require(spec, latencyMs >= 0, "--s3-latency-ms: must not be negative, got " + latencyMs);
        Commands.require(spec, invocations >= 1, "--invocations: must be at least 1, got " + invocations);
        spec.commandLine().getOut().println(probe(handlerClass, delay, latencyMs, invocations));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** An embedded S3 holding {@link #BUCKET}/{@link #KEY}: the function's sample.csv. */
    static EmbeddedS3 seededS3() throws IOException {
        var csv = HandlerProbe.class.getResourceAsStream("/sample.csv").readAllBytes();
        return EmbeddedS3.start().createBucket(BUCKET).put(BUCKET, KEY, csv, "text/csv");
    }

    /** Runs the probe and returns the JSON line. */
    public static String probe(String handlerClass, String delay, long latencyMs, int invocations) throws Exception {
        var jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        try (var s3 = seededS3();
             var proxy = latencyMs > 0 ? FaultyS3Proxy.start(s3.port()).latency(Duration.ofMillis(latencyMs)) : null) {
            var endpoint = "http://127.0.0.1:" + (proxy == null ? s3.port() : proxy.port());
            var env = environment(endpoint);
            // The SDK's default credentials chain reads these; the embedded S3 accepts any signature.
            System.setProperty("aws.accessKeyId", "bench");
            System.setProperty("aws.secretAccessKey", "bench");
            System.setProperty("aws.region", "us-east-1");

            var t0 = System.nanoTime();
            var handler = instantiate(handlerClass, env);
            var initNanos = System.nanoTime() - t0;

            var times = new ArrayList<Double>();
            var statuses = new ArrayList<Integer>();
            for (var i = 0; i < invocations; i++) {
                var start = System.nanoTime();
                var response = handler.handleRequest(event(delay, i), new ProbeContext(Duration.ofSeconds(30)));
                times.add((System.nanoTime() - start) / 1e6);
                statuses.add(response == null ? -1 : response.getStatusCode());
            }
            return String.format(Locale.ROOT,
                    "{\"handler\": \"%s\", \"delaySeconds\": %s, \"s3LatencyMs\": %d, \"jvmStartToMainMs\": %d, "
                            + "\"initMs\": %.1f, \"invokeMs\": %s, \"statuses\": %s}",
                    handlerClass, delay, latencyMs, MAIN_MILLIS - jvmStart, initNanos / 1e6, list(times), statuses);
        }
    }

    static Map<String, String> environment(String s3Endpoint) {
        var env = new HashMap<String, String>();
        env.put("CSV_BUCKET", BUCKET);
        env.put("CSV_KEY", KEY);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL_S3", s3Endpoint);
        env.put("S3_FORCE_PATH_STYLE", "true");
        env.put("CACHE_REVALIDATE_SECONDS", "0"); // every invocation revalidates: each one pays the S3 latency
        env.put("AWS_ACCESS_KEY_ID", "bench");
        env.put("AWS_SECRET_ACCESS_KEY", "bench");
        return env;
    }

    @SuppressWarnings("unchecked")
    static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> instantiate(String className,
            Map<String, String> env) throws ReflectiveOperationException {
        var type = Class.forName(className);
        try {
            return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                    type.getConstructor(Map.class).newInstance(env);
        } catch (NoSuchMethodException e) {
            return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) type.getConstructor().newInstance();
        }
    }

    static APIGatewayV2HTTPEvent event(String delay, int i) {
        var now = System.currentTimeMillis();
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod("GET").withPath("/csv_test").withProtocol("HTTP/1.1").withSourceIp("127.0.0.1")
                .withUserAgent("handler-probe").build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(http).withRequestId(UUID.randomUUID().toString()).withRouteKey("GET /csv_test")
                .withStage("$default").withTimeEpoch(now).build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey("GET /csv_test").withRawPath("/csv_test")
                .withRawQueryString("delay=" + delay + "&tab=" + i)
                .withQueryStringParameters(Map.of("delay", delay, "tab", Integer.toString(i)))
                .withHeaders(Map.of("host", "127.0.0.1", "user-agent", "handler-probe"))
                .withRequestContext(context).build();
    }

    private static String list(List<Double> values) {
        var sb = new StringBuilder("[");
        for (var v : values) {
            sb.append(sb.length() > 1 ? ", " : "").append(String.format(Locale.ROOT, "%.1f", v));
        }
        return sb.append(']').toString();
    }

    /** A Lambda context whose remaining time really counts down. */
    record ProbeContext(long deadlineNanos) implements Context {
        ProbeContext(Duration timeout) {
            this(System.nanoTime() + timeout.toNanos());
        }

        @Override public String getAwsRequestId() { return UUID.randomUUID().toString(); }
        @Override public String getLogGroupName() { return "/aws/lambda/probe"; }
        @Override public String getLogStreamName() { return "probe"; }
        @Override public String getFunctionName() { return "CsvTestFunction"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:probe"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() {
            return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
        }
        @Override public int getMemoryLimitInMB() { return 512; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.err.print(message); }
                @Override public void log(byte[] message) { System.err.write(message, 0, message.length); }
            };
        }
    }
}
