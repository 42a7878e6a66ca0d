package dev.csvtest.local;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

import dev.csvtest.local.gateway.HttpApiGateway;
import dev.csvtest.local.lambda.LambdaService;
import dev.csvtest.local.lambda.LocalFunction;
import dev.csvtest.local.s3.LocalS3;
import dev.csvtest.local.template.FunctionSpec;
import dev.csvtest.local.template.SamTemplate;
import dev.csvtest.local.template.TemplateException;
import dev.csvtest.local.template.TemplateReader;

/**
 * A Docker-free {@code sam local start-api}: reads {@code template.yaml}, starts an S3-protocol server seeded with
 * the sample CSV, and serves the template's HttpApi routes through an emulation of API Gateway (payload 2.0) and
 * Lambda (one request per execution environment, per-environment class loaders, reuse, cold starts, throttling,
 * timeouts).
 *
 * <p>From code: {@code try (var stack = LocalStack.start(options)) { stack.port(); ... }}.
 * From the command line: see {@link LocalStackOptions#USAGE}.
 */
public final class LocalStack implements AutoCloseable {

    /** The line users and scripts wait for. */
    public static final String READY = "Local API ready: http://127.0.0.1:";

    private final SamTemplate template;
    private final LocalS3 s3;
    private final LambdaService lambda;
    private final HttpApiGateway gateway;
    private final String csvLocation;

    private LocalStack(SamTemplate template, LocalS3 s3, LambdaService lambda, HttpApiGateway gateway, String csvLocation) {
        this.template = template;
        this.s3 = s3;
        this.lambda = lambda;
        this.gateway = gateway;
        this.csvLocation = csvLocation;
    }

    public static void main(String[] args) {
        var words = new ArrayList<>(Arrays.asList(args));
        String command = words.isEmpty() || words.getFirst().startsWith("-") ? "start-api" : words.removeFirst();
        try {
            switch (command) {
                case "start-api" -> runUntilStopped(words);
                case "invoke" -> System.exit(Invoke.run(words, System.getenv(), System.out, System.err));
                case "event" -> System.out.println(Invoke.generateEvent(words));
                case "measure-environments" -> MeasureEnvironments.run(words);
                case "measure-overhead" -> MeasureOverhead.run(words);
                case "help", "-h", "--help" -> System.out.print(LocalStackOptions.USAGE);
                default -> throw new IllegalArgumentException("unknown command " + command + "\n" + LocalStackOptions.USAGE);
            }
        } catch (TemplateException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void runUntilStopped(List<String> args) {
        var rest = new ArrayList<String>();
        var words = new ArrayList<>(args);
        // sam local's --warm-containers: EAGER (our default) inits one environment per routed function right after
        // the ready line, in the background; LAZY leaves every environment to the first request that needs it.
        boolean eager = true;
        int warm = words.indexOf("--warm-containers");
        if (warm >= 0 && warm + 1 < words.size()) {
            eager = !words.get(warm + 1).equalsIgnoreCase("LAZY");
            words.remove(warm + 1);
            words.remove(warm);
        }
        var options = LocalStackOptions.parse(words, System.getenv(), rest);
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("unexpected arguments " + rest + "\n" + LocalStackOptions.USAGE);
        }
        var stack = start(options);
        if (eager) {
            Thread.ofVirtual().name("prewarm").start(() -> {
                for (var function : stack.lambda.functions()) {
                    if (!function.spec().routes().isEmpty()) {
                        long ms = function.prewarm();
                        if (ms >= 0) {
                            options.log().accept("pre-warmed one environment of " + function.spec().logicalId() + " (init " + ms
                                    + " ms; --warm-containers LAZY to start cold)");
                        }
                    }
                }
            });
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack...");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts everything and returns once the API can serve (after printing the ready line and the banner). */
    public static LocalStack start(LocalStackOptions options) {
        Objects.requireNonNull(options, "options");
        configureHttpServer();
        var template = new TemplateReader(options.stackName(), options.region())
                .read(options.template(), options.parameterOverrides(), options.envVars());
        template.notes().forEach(note -> options.log().accept("note: " + note));
        var s3 = LocalS3.start(options.s3Endpoint(), options.region());
        try {
            String csv = seed(template, s3, options);
            if (s3.embedded()) {
                // The SDK's default chain reads these when a handler does not pass credentials itself; any value works.
                setIfAbsent("aws.accessKeyId", options.processEnv().get("AWS_ACCESS_KEY_ID"), "local");
                setIfAbsent("aws.secretAccessKey", options.processEnv().get("AWS_SECRET_ACCESS_KEY"), "local");
            }
            var lambda = new LambdaService(template.functions(), spec -> functionEnvironment(spec, s3, options),
                    options.concurrencyLimit(), options.region(), LocalStack.class.getClassLoader(),
                    LocalStack.class.getPackageName(), options.log(), options.handlerOut());
            HttpApiGateway gateway = null;
            if (options.serveHttp()) {
                gateway = new HttpApiGateway(lambda, template.throttling(), new HttpApiGateway.Settings(
                        options.port(), 16_384, options.integrationTimeout(), options.integrationTimeoutStatus(),
                        options.lambdaThrottleStatus(), options.stageThrottling(), options.logRequests()),
                        LocalStack.class.getClassLoader(), options.log());
            }
            var stack = new LocalStack(template, s3, lambda, gateway, csv);
            if (gateway != null) {
                options.log().accept(READY + gateway.port());
                stack.banner(options).forEach(options.log());
            }
            return stack;
        } catch (IOException e) {
            s3.close();
            throw new IllegalStateException("cannot start the local HTTP API on port " + options.port() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
    }

    /** The JDK HTTP server reads these once; set them before it is first used, unless the user chose otherwise. */
    private static void configureHttpServer() {
        setIfAbsent("sun.net.httpserver.nodelay", null, "true");
        // A request (line, headers, body) must arrive within 30 s: a slow client cannot hold a connection forever.
        setIfAbsent("sun.net.httpserver.maxReqTime", null, "30");
        setIfAbsent("sun.net.httpserver.maxIdleConnections", null, "10000");
    }

    private static void setIfAbsent(String property, String envValue, String value) {
        if (System.getProperty(property) == null && envValue == null) {
            System.setProperty(property, value);
        }
    }

    /** Creates every template bucket and puts the sample CSV where {@code CSV_BUCKET}/{@code CSV_KEY} point. */
    private static String seed(SamTemplate template, LocalS3 s3, LocalStackOptions options) {
        var csvFunction = template.functions().stream().filter(f -> f.environment().containsKey("CSV_BUCKET")).findFirst();
        if (!s3.embedded() && !options.seedExternal()) {
            return csvFunction.map(f -> "s3://" + f.environment().get("CSV_BUCKET") + "/"
                    + f.environment().getOrDefault("CSV_KEY", "sample.csv") + " (external, not seeded; --seed to put the sample)")
                    .orElse("-");
        }
        template.buckets().values().forEach(s3::createBucket);
        if (csvFunction.isEmpty()) {
            return "- (no function declares CSV_BUCKET)";
        }
        String bucket = csvFunction.get().environment().get("CSV_BUCKET");
        String key = csvFunction.get().environment().getOrDefault("CSV_KEY", "sample.csv");
        byte[] sample = sampleCsv();
        s3.put(bucket, key, sample, "text/csv; charset=utf-8");
        return "s3://" + bucket + "/" + key + " (" + sample.length + " bytes of sample.csv)";
    }

    private static byte[] sampleCsv() {
        try (InputStream in = LocalStack.class.getClassLoader().getResourceAsStream("sample.csv")) {
            if (in == null) {
                throw new IllegalStateException("sample.csv is not on the classpath (src/main/resources/sample.csv)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read sample.csv", e);
        }
    }

    /**
     * What the function's constructor receives: the process environment, then the template's variables, then what
     * Lambda itself sets (region, function name, memory, ...), then the local S3 wiring.
     */
    static Map<String, String> functionEnvironment(FunctionSpec spec, LocalS3 s3, LocalStackOptions options) {
        var env = new TreeMap<>(options.processEnv());
        env.putAll(spec.environment());
        env.put("AWS_REGION", options.region());
        env.put("AWS_DEFAULT_REGION", options.region());
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.functionName());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + spec.runtime());
        env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        if (s3.needsPathStyle()) {
            env.put("S3_FORCE_PATH_STYLE", "true");
        }
        if (s3.embedded()) {
            env.putIfAbsent("AWS_ACCESS_KEY_ID", "local");
            env.putIfAbsent("AWS_SECRET_ACCESS_KEY", "local");
        }
        return env;
    }

    private List<String> banner(LocalStackOptions options) {
        var lines = new ArrayList<String>();
        String base = "http://127.0.0.1:" + port();
        lines.add("Routes (template " + template.source() + "):");
        for (var route : gateway.routes()) {
            var f = route.function().spec();
            lines.add(String.format("  %-24s -> %s (%s::%s, %s, timeout %d s, memory %d MB, reserved concurrency %s)",
                    route.spec().routeKey(), f.logicalId(), f.handlerClass(), f.handlerMethod(), f.runtime(),
                    f.timeoutSeconds(), f.memoryMb(),
                    f.reservedConcurrency().isPresent() ? Integer.toString(f.reservedConcurrency().getAsInt()) : "-"));
        }
        for (var f : lambda.functions()) {
            if (f.spec().routes().isEmpty()) {
                lines.add("  (no route)                 -> " + f.spec().logicalId() + " (invoke only)");
            }
        }
        lines.add("S3: " + s3.endpoint() + (s3.embedded() ? " (embedded S3Proxy)" : " (external)") + ", object " + csvLocation);
        lines.add("Concurrency: account limit " + lambda.accountConcurrency() + " (--concurrency-limit), unreserved "
                + lambda.unreservedPool().limit() + "; Lambda throttling answers " + options.lambdaThrottleStatus());
        lines.add("Integration timeout: " + options.integrationTimeout().toMillis() + " ms -> "
                + options.integrationTimeoutStatus() + (template.throttling().isEmpty() ? ""
                : "; stage throttling " + (options.stageThrottling() ? template.throttling().getFirst() : "off")));
        lines.add("Demo page: " + base + "/    Try: curl '" + base + "/csv_test?delay=2'");
        ProcessHandle.current().info().startInstant().ifPresent(started ->
                lines.add("Started in " + Duration.between(started, Instant.now()).toMillis() + " ms (JVM start to ready). Ctrl-C stops."));
        return lines;
    }

    public int port() {
        if (gateway == null) {
            throw new IllegalStateException("this stack serves no HTTP (invoke mode)");
        }
        return gateway.port();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public LocalFunction function(String logicalId) {
        return lambda.function(logicalId);
    }

    public SamTemplate template() {
        return template;
    }

    public LocalS3 s3() {
        return s3;
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        lambda.close();
        s3.close();
    }
}
