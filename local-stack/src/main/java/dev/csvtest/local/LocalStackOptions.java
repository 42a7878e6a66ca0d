package dev.csvtest.local;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import dev.csvtest.local.template.TemplateReader;

/**
 * Everything the local stack can be told, with {@code sam local start-api}-like defaults. Immutable; the
 * {@code with...} methods return changed copies. {@link #parse} reads the command line.
 *
 * @param template                 the SAM template ({@code template.yaml})
 * @param port                     HTTP port; {@code 0} picks a free one ({@code PORT} env, else 3000)
 * @param parameterOverrides       {@code --parameter-overrides}
 * @param envVars                  {@code --env-vars} file (sam format)
 * @param s3Endpoint               an external S3 ({@code --s3-endpoint} or {@code AWS_ENDPOINT_URL_S3}); empty = embedded
 * @param seedExternal             also create the bucket and put the sample CSV in the external S3 ({@code --seed})
 * @param concurrencyLimit         the account concurrency quota ({@code --concurrency-limit}, Lambda's default 1000)
 * @param integrationTimeout       HTTP API's integration timeout (30 s; a route's {@code TimeoutInMillis} wins)
 * @param integrationTimeoutStatus the status for an integration timeout (503, as users report it)
 * @param lambdaThrottleStatus     the status when Lambda throttles (500: API Gateway turns Lambda's 429 into a 500)
 * @param stageThrottling          emulate the HttpApi's {@code DefaultRouteSettings} throttling
 * @param region                   {@code AWS_REGION} for the functions
 * @param stackName                stands in for {@code AWS::StackName} and prefixes local physical names
 * @param logRequests              one log line per request
 * @param serveHttp                start the HTTP API (false for {@code invoke})
 * @param processEnv               the process environment the functions inherit
 * @param log                      where the stack's lines go
 * @param handlerOut               where handler logs go
 */
public record LocalStackOptions(
        Path template,
        int port,
        Map<String, String> parameterOverrides,
        Optional<Path> envVars,
        Optional<URI> s3Endpoint,
        boolean seedExternal,
        int concurrencyLimit,
        Duration integrationTimeout,
        int integrationTimeoutStatus,
        int lambdaThrottleStatus,
        boolean stageThrottling,
        String region,
        String stackName,
        boolean logRequests,
        boolean serveHttp,
        Map<String, String> processEnv,
        Consumer<String> log,
        PrintStream handlerOut) {

    public LocalStackOptions {
        Objects.requireNonNull(template, "template");
        parameterOverrides = Map.copyOf(parameterOverrides);
        processEnv = Map.copyOf(processEnv);
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(handlerOut, "handlerOut");
    }

    /** Defaults from the process environment ({@code PORT}, {@code AWS_REGION}, {@code AWS_ENDPOINT_URL_S3}). */
    public static LocalStackOptions defaults() {
        return defaults(System.getenv());
    }

    public static LocalStackOptions defaults(Map<String, String> env) {
        int port = env.containsKey("PORT") ? Integer.parseInt(env.get("PORT").trim()) : 3000;
        var endpoint = Optional.ofNullable(env.get("AWS_ENDPOINT_URL_S3")).filter(s -> !s.isBlank()).map(URI::create);
        String region = Optional.ofNullable(env.get("AWS_REGION")).filter(s -> !s.isBlank()).orElse("us-east-1");
        return new LocalStackOptions(Path.of("template.yaml"), port, Map.of(), Optional.empty(), endpoint, false, 1000,
                Duration.ofSeconds(30), 503, 500, true, region, "local", true, true, env,
                System.out::println, System.out);
    }

    public LocalStackOptions withTemplate(Path value) {
        return new LocalStackOptions(value, port, parameterOverrides, envVars, s3Endpoint, seedExternal, concurrencyLimit,
                integrationTimeout, integrationTimeoutStatus, lambdaThrottleStatus, stageThrottling, region, stackName,
                logRequests, serveHttp, processEnv, log, handlerOut);
    }

    public LocalStackOptions withPort(int value) {
        return new LocalStackOptions(template, value, parameterOverrides, envVars, s3Endpoint, seedExternal, concurrencyLimit,
                integrationTimeout, integrationTimeoutStatus, lambdaThrottleStatus, stageThrottling, region, stackName,
                logRequests, serveHttp, processEnv, log, handlerOut);
    }

    public LocalStackOptions withParameterOverrides(Map<String, String> value) {
        return new LocalStackOptions(template, port, value, envVars, s3Endpoint, seedExternal, concurrencyLimit,
                integrationTimeout, integrationTimeoutStatus, lambdaThrottleStatus, stageThrottling, region, stackName,
                logRequests, serveHttp, processEnv, log, handlerOut);
    }

    public LocalStackOptions withEnvVars(Optional<Path> value) {
        return new LocalStackOptions(template, port, parameterOverrides, value, s3Endpoint, seedExternal, concurrencyLimit,
                integrationTimeout, integrationTimeoutStatus, lambdaThrottleStatus, stageThrottling, region, stackName,
                logRequests, serveHttp, processEnv, log, handlerOut);
    }

    public LocalStackOptions withS3Endpoint(Optional<URI> value, boolean seed) {
        return new LocalStackOptions(template, port, parameterOverrides, envVars, value, seed, concurrencyLimit,
                integrationTimeout, integrationTimeoutStatus, lambdaThrottleStatus, stageThrottling, region, stackName,
                logRequests, serveHttp, processEnv, log, handlerOut);
    }

    public LocalStackOptions withConcurrencyLimit(int value) {
        return new LocalStackOptions(template, port, parameterOverrides, envVars, s3Endpoint, seedExternal, value,
                integrationTimeout, integrationTimeoutStatus, lambdaThrottleStatus, stageThrottling, region, stackName,
                logRequests, serveHttp, processEnv, log, handlerOut);
    }

    public LocalStackOptions withIntegrationTimeout(Duration value, int status) {
        return new LocalStackOptions(template, port, parameterOverrides, envVars, s3Endpoint, seedExternal, concurrencyLimit,
                value, status, lambdaThrottleStatus, stageThrottling, region, stackName,
                logRequests, serveHttp, processEnv, log, handlerOut);
    }

    public LocalStackOptions withLambdaThrottleStatus(int value) {
        return new LocalStackOptions(template, port, parameterOverrides, envVars, s3Endpoint, seedExternal, concurrencyLimit,
                integrationTimeout, integrationTimeoutStatus, value, stageThrottling, region, stackName,
                logRequests, serveHttp, processEnv, log, handlerOut);
    }

    public LocalStackOptions withStageThrottling(boolean value) {
        return new LocalStackOptions(template, port, parameterOverrides, envVars, s3Endpoint, seedExternal, concurrencyLimit,
                integrationTimeout, integrationTimeoutStatus, lambdaThrottleStatus, value, region, stackName,
                logRequests, serveHttp, processEnv, log, handlerOut);
    }

    public LocalStackOptions withLogRequests(boolean value) {
        return new LocalStackOptions(template, port, parameterOverrides, envVars, s3Endpoint, seedExternal, concurrencyLimit,
                integrationTimeout, integrationTimeoutStatus, lambdaThrottleStatus, stageThrottling, region, stackName,
                value, serveHttp, processEnv, log, handlerOut);
    }

    public LocalStackOptions withServeHttp(boolean value) {
        return new LocalStackOptions(template, port, parameterOverrides, envVars, s3Endpoint, seedExternal, concurrencyLimit,
                integrationTimeout, integrationTimeoutStatus, lambdaThrottleStatus, stageThrottling, region, stackName,
                logRequests, value, processEnv, log, handlerOut);
    }

    public LocalStackOptions withLog(Consumer<String> value, PrintStream handlerOutput) {
        return new LocalStackOptions(template, port, parameterOverrides, envVars, s3Endpoint, seedExternal, concurrencyLimit,
                integrationTimeout, integrationTimeoutStatus, lambdaThrottleStatus, stageThrottling, region, stackName,
                logRequests, serveHttp, processEnv, value, handlerOutput);
    }

    public static final String USAGE = """
            Usage: LocalStack [start-api] [options]
                   LocalStack invoke [FunctionLogicalId] -e events/<file>.json [options]
                   LocalStack event [METHOD] PATH        (prints a payload 2.0 event for PATH, e.g. '/csv_test?delay=0')
                   LocalStack measure-environments [FunctionLogicalId] [-n N] [--path P] [options]
                   LocalStack measure-overhead [--path P] [-n N] [--concurrent C] [options]
                                                         (costs of an environment; overhead against a bare JDK server)
            Options:
              --template FILE                 SAM template (default template.yaml)
              --port N                        HTTP port (default $PORT or 3000; 0 = a free port)
              --parameter-overrides K=V ...   template parameter values (also ParameterKey=K,ParameterValue=V)
              --env-vars FILE                 sam-style JSON: {"Parameters": {...}, "<FunctionId>": {"VAR": "value"}}
              --s3-endpoint URL               use this S3 instead of the embedded one (default $AWS_ENDPOINT_URL_S3)
              --seed                          with an external S3: create the bucket and put the sample CSV
              --concurrency-limit N           account concurrency quota (default 1000)
              --integration-timeout-ms N      HTTP API integration timeout (default 30000)
              --integration-timeout-status N  status on integration timeout (default 503)
              --lambda-throttle-status N      status when Lambda throttles (default 500, as API Gateway maps Lambda's 429)
              --no-stage-throttling           ignore the HttpApi's DefaultRouteSettings throttling
              --region R                      AWS_REGION for the functions (default $AWS_REGION or us-east-1)
              --quiet                         no per-request log lines
              --warm-containers EAGER|LAZY    EAGER (default): init one environment per routed function after start
            """;

    /** Reads the options of {@code start-api} and {@code invoke}; returns the rest (positional words) in {@code rest}. */
    public static LocalStackOptions parse(List<String> args, Map<String, String> env, List<String> rest) {
        var options = defaults(env);
        boolean seed = false;
        Optional<URI> endpoint = options.s3Endpoint();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--template", "-t" -> options = options.withTemplate(Path.of(value(args, ++i, arg)));
                case "--port", "-p" -> options = options.withPort(Integer.parseInt(value(args, ++i, arg)));
                case "--parameter-overrides" -> {
                    var values = new ArrayList<String>();
                    while (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                        values.add(args.get(++i));
                    }
                    var split = new ArrayList<String>();
                    values.forEach(v -> split.addAll(List.of(v.trim().split("\\s+(?=[A-Za-z0-9]+=)"))));
                    options = options.withParameterOverrides(TemplateReader.parseParameterOverrides(split));
                }
                case "--env-vars", "-n" -> options = options.withEnvVars(Optional.of(Path.of(value(args, ++i, arg))));
                case "--s3-endpoint" -> endpoint = Optional.of(URI.create(value(args, ++i, arg)));
                case "--seed" -> seed = true;
                case "--concurrency-limit" -> options = options.withConcurrencyLimit(Integer.parseInt(value(args, ++i, arg)));
                case "--integration-timeout-ms" -> options = options.withIntegrationTimeout(
                        Duration.ofMillis(Long.parseLong(value(args, ++i, arg))), options.integrationTimeoutStatus());
                case "--integration-timeout-status" -> options = options.withIntegrationTimeout(
                        options.integrationTimeout(), Integer.parseInt(value(args, ++i, arg)));
                case "--lambda-throttle-status" -> options = options.withLambdaThrottleStatus(Integer.parseInt(value(args, ++i, arg)));
                case "--no-stage-throttling" -> options = options.withStageThrottling(false);
                case "--region" -> options = new LocalStackOptions(options.template(), options.port(), options.parameterOverrides(),
                        options.envVars(), options.s3Endpoint(), options.seedExternal(), options.concurrencyLimit(),
                        options.integrationTimeout(), options.integrationTimeoutStatus(), options.lambdaThrottleStatus(),
                        options.stageThrottling(), value(args, ++i, arg), options.stackName(), options.logRequests(),
                        options.serveHttp(), options.processEnv(), options.log(), options.handlerOut());
                case "--quiet", "-q" -> options = options.withLogRequests(false);
                default -> {
                    if (arg.startsWith("-") && !arg.equals("-e") && !arg.equals("--event")) {
                        throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
                    }
                    rest.add(arg);
                }
            }
        }
        return options.withS3Endpoint(endpoint, seed);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args.get(i);
    }
}
