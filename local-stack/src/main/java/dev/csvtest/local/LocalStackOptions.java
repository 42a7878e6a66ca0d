package dev.csvtest.local;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import dev.csvtest.local.code.Isolation;

/**
 * Everything a local stack can be told, with {@code sam local}'s defaults. The command line fills it through
 * {@link dev.csvtest.local.cli.LocalStackCommand}; code and tests through {@link #builder()}.
 *
 * @param template                 the SAM template
 * @param host                     the address the HTTP API binds to
 * @param port                     its port ({@code 0} picks a free one)
 * @param parameterOverrides       {@code --parameter-overrides}
 * @param envVars                  {@code --env-vars}: a sam-style JSON file of variable overrides
 * @param region                   {@code AWS_REGION} for the functions
 * @param s3Endpoint               an S3 the functions use instead of the embedded one started for template buckets
 * @param concurrencyLimit         the account concurrency quota (Lambda's default 1,000)
 * @param integrationTimeout       the API's integration timeout (HTTP API: 30 s; a route's {@code TimeoutInMillis}
 *                                 wins)
 * @param integrationTimeoutStatus HTTP API's status for an integration timeout (503)
 * @param lambdaThrottleStatus     the status when Lambda throttles (500: API Gateway turns Lambda's 429 into a 500)
 * @param stageThrottling          emulate the APIs' stage throttling ({@code DefaultRouteSettings})
 * @param warmContainers           {@code --warm-containers}
 * @param isolation                which classes each execution environment loads for itself
 * @param logRequests              one log line per request (else a summary per burst)
 * @param reload                   hot reload: watch the functions' code and the template, deploy what a build changed
 * @param reloadQuietPeriod        how long a build's files must stay untouched before hot reload reads them
 * @param serveHttp                start the HTTP API (false for {@code invoke})
 * @param only                     host only this function, and what it depends on ({@code invoke}); else all
 * @param processEnv               the environment the stack was started with (credentials, region, HOME)
 * @param log                      where the stack's own lines go
 * @param handlerOut               where the functions' {@code Context} logger writes
 */
public record LocalStackOptions(
        Path template,
        String host,
        int port,
        Map<String, String> parameterOverrides,
        Optional<Path> envVars,
        String region,
        Optional<URI> s3Endpoint,
        int concurrencyLimit,
        Duration integrationTimeout,
        int integrationTimeoutStatus,
        int lambdaThrottleStatus,
        boolean stageThrottling,
        WarmContainers warmContainers,
        Isolation isolation,
        boolean logRequests,
        boolean reload,
        Duration reloadQuietPeriod,
        boolean serveHttp,
        Optional<String> only,
        Map<String, String> processEnv,
        Consumer<String> log,
        PrintStream handlerOut) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 3000;
    public static final int DEFAULT_CONCURRENCY_LIMIT = 1000;
    public static final Duration DEFAULT_INTEGRATION_TIMEOUT = Duration.ofSeconds(30);
    /** A build writes its files within a few milliseconds of each other; 300 ms of silence means it is done. */
    public static final Duration DEFAULT_RELOAD_QUIET_PERIOD = Duration.ofMillis(300);

    /**
     * {@code sam local}'s {@code --warm-containers}. Here environments are always reused, as on Lambda; EAGER also
     * initialises one environment per function right after start, LAZY leaves that to the first request.
     */
    public enum WarmContainers { EAGER, LAZY }

    /** Built by {@link Builder#build()}, whose setters refuse null; the maps are copied here. */
    public LocalStackOptions {
        parameterOverrides = Map.copyOf(parameterOverrides);
        processEnv = Map.copyOf(processEnv);
    }

    public static Builder builder() {
        return new Builder(System.getenv());
    }

    /** A builder whose defaults (region, template) come from this environment instead of the process's. */
    public static Builder builder(Map<String, String> processEnv) {
        return new Builder(processEnv);
    }

    /**
     * The template {@code sam local} would pick in {@code folder}: the built one ({@code .aws-sam/build/template.yaml},
     * after {@code sam build}) when present, else {@code template.yaml}, else {@code template.yml}.
     */
    public static Path defaultTemplate(Path folder) {
        for (var candidate : new String[] {".aws-sam/build/template.yaml", "template.yaml", "template.yml"}) {
            if (Files.isRegularFile(folder.resolve(candidate))) {
                return folder.resolve(candidate);
            }
        }
        return folder.resolve("template.yaml");
    }

    /** The region the functions run in: {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}, else us-east-1. */
    public static String defaultRegion(Map<String, String> env) {
        return Optional.ofNullable(env.get("AWS_REGION")).filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(env.get("AWS_DEFAULT_REGION")).filter(s -> !s.isBlank()))
                .orElse("us-east-1");
    }

    /** Builds options; each setter sets one field. */
    public static final class Builder {
        private Path template;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Map<String, String> parameterOverrides = Map.of();
        private Optional<Path> envVars = Optional.empty();
        private String region;
        private Optional<URI> s3Endpoint = Optional.empty();
        private int concurrencyLimit = DEFAULT_CONCURRENCY_LIMIT;
        private Duration integrationTimeout = DEFAULT_INTEGRATION_TIMEOUT;
        private int integrationTimeoutStatus = 503;
        private int lambdaThrottleStatus = 500;
        private boolean stageThrottling = true;
        private WarmContainers warmContainers = WarmContainers.LAZY;
        private Isolation isolation = Isolation.ENVIRONMENT;
        private boolean logRequests = true;
        private boolean reload;
        private Duration reloadQuietPeriod = DEFAULT_RELOAD_QUIET_PERIOD;
        private boolean serveHttp = true;
        private Optional<String> only = Optional.empty();
        private final Map<String, String> processEnv;
        private Consumer<String> log = System.out::println;
        private PrintStream handlerOut = System.out;

        private Builder(Map<String, String> processEnv) {
            this.processEnv = Map.copyOf(processEnv);
            this.region = defaultRegion(processEnv);
        }

        public Builder template(Path value) { template = value; return this; }
        public Builder host(String value) { host = Objects.requireNonNull(value, "host"); return this; }
        public Builder port(int value) { port = value; return this; }
        public Builder parameterOverrides(Map<String, String> value) { parameterOverrides = value; return this; }
        public Builder envVars(Path value) { envVars = Optional.ofNullable(value); return this; }
        public Builder region(String value) { region = Objects.requireNonNull(value, "region"); return this; }
        public Builder s3Endpoint(URI value) { s3Endpoint = Optional.ofNullable(value); return this; }
        public Builder concurrencyLimit(int value) { concurrencyLimit = value; return this; }
        public Builder integrationTimeout(Duration value) {
            integrationTimeout = Objects.requireNonNull(value, "integrationTimeout");
            return this;
        }
        public Builder integrationTimeoutStatus(int value) { integrationTimeoutStatus = value; return this; }
        public Builder lambdaThrottleStatus(int value) { lambdaThrottleStatus = value; return this; }
        public Builder stageThrottling(boolean value) { stageThrottling = value; return this; }
        public Builder warmContainers(WarmContainers value) {
            warmContainers = Objects.requireNonNull(value, "warmContainers");
            return this;
        }
        public Builder isolation(Isolation value) { isolation = Objects.requireNonNull(value, "isolation"); return this; }
        public Builder logRequests(boolean value) { logRequests = value; return this; }
        public Builder serveHttp(boolean value) { serveHttp = value; return this; }
        public Builder only(String functionId) { only = Optional.ofNullable(functionId); return this; }
        /** Hot reload (off unless asked for: {@code start-api} turns it on, tests and {@code invoke} leave it off). */
        public Builder reload(boolean value) { reload = value; return this; }
        public Builder reloadQuietPeriod(Duration value) {
            reloadQuietPeriod = Objects.requireNonNull(value, "reloadQuietPeriod");
            return this;
        }

        /** Where the stack's lines go, and where the functions' loggers write. */
        public Builder log(Consumer<String> lines, PrintStream handlerOutput) {
            log = Objects.requireNonNull(lines, "log");
            handlerOut = Objects.requireNonNull(handlerOutput, "handlerOut");
            return this;
        }

        public LocalStackOptions build() {
            Path chosen = template != null ? template : defaultTemplate(Path.of(""));
            return new LocalStackOptions(chosen, host, port, parameterOverrides, envVars, region, s3Endpoint,
                    concurrencyLimit, integrationTimeout, integrationTimeoutStatus, lambdaThrottleStatus, stageThrottling,
                    warmContainers, isolation, logRequests, reload, reloadQuietPeriod, serveHttp, only, processEnv, log,
                    handlerOut);
        }
    }
}
