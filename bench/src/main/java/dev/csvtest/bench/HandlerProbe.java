package dev.csvtest.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import dev.csvtest.testkit.EmbeddedS3;

/**
 * Measures the handler outside any server, in a fresh JVM, for docs/performance.md:
 * <ul>
 *   <li><b>cold init</b>: the constructor (config, S3 client, priming) with an embedded S3 seeded with sample.csv;</li>
 *   <li><b>invocations</b>: {@code handleRequest} with {@code delay=D}; with {@code --s3-latency-ms L} every S3 request
 *       goes through a {@link DelayProxy}, so a handler that overlaps its fetch with the delay answers in about
 *       {@code max(D, L)}.</li>
 * </ul>
 * Prints one JSON object. Usage: {@code HandlerProbe [--handler CLASS] [--delay D] [--s3-latency-ms L] [--invocations K]}.
 * The handler is loaded by name so this probe compiles before the function exists.
 */
public final class HandlerProbe {

    public static final String DEFAULT_HANDLER = "dev.csvtest.function.CsvTestHandler";
    static final String BUCKET = "csv-test-bench";
    static final String KEY = "sample.csv";

    private HandlerProbe() {
    }

    public static void main(String[] args) throws Exception {
        var handlerClass = DEFAULT_HANDLER;
        var delay = "0";
        var latencyMs = 0L;
        var invocations = 1;
        for (var i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--handler" -> handlerClass = args[++i];
                case "--delay" -> delay = args[++i];
                case "--s3-latency-ms" -> latencyMs = Long.parseLong(args[++i]);
                case "--invocations" -> invocations = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: HandlerProbe [--handler CLASS] [--delay D] [--s3-latency-ms L] [--invocations K]");
                    System.exit(2);
                }
            }
        }
        System.out.println(probe(handlerClass, delay, latencyMs, invocations));
        System.exit(0);
    }

    /** Runs the probe and returns the JSON line. */
    public static String probe(String handlerClass, String delay, long latencyMs, int invocations) throws Exception {
        var mainMillis = System.currentTimeMillis();
        var jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        var csv = HandlerProbe.class.getResourceAsStream("/sample.csv").readAllBytes();
        try (var s3 = EmbeddedS3.start().createBucket(BUCKET).put(BUCKET, KEY, csv, "text/csv");
             var proxy = latencyMs > 0 ? DelayProxy.start(s3.port(), Duration.ofMillis(latencyMs)) : null) {
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
                    handlerClass, delay, latencyMs, mainMillis - jvmStart, initNanos / 1e6, list(times), statuses);
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
