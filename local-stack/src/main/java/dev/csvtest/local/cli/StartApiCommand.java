package dev.csvtest.local.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.csvtest.local.LocalStack;
import dev.csvtest.local.LocalStackOptions;
import dev.csvtest.local.LocalStackOptions.WarmContainers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code start-api}: serves the template's APIs until stopped. */
@Command(name = "start-api", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve the template's HTTP and REST APIs locally, each request in its own execution environment.")
final class StartApiCommand implements Callable<Integer> {

    @Mixin
    StackOptions stack;

    @Option(names = {"-p", "--port"}, paramLabel = "N", defaultValue = "${env:PORT:-3000}",
            description = "The port (default: $PORT, else 3000; 0 picks a free one).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = LocalStackOptions.DEFAULT_HOST,
            description = "The address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--warm-containers", paramLabel = "EAGER|LAZY", defaultValue = "LAZY",
            description = "EAGER: initialise one environment per function at start. LAZY (default): on the first request."
                    + " Either way environments are reused, and concurrent requests each get their own.")
    WarmContainers warmContainers;

    @Option(names = "--integration-timeout-ms", paramLabel = "MS", defaultValue = "30000",
            description = "The API's integration timeout (HTTP API's is 30 s; a route's TimeoutInMillis wins).")
    long integrationTimeoutMs;

    @Option(names = "--integration-timeout-status", paramLabel = "STATUS", defaultValue = "503",
            description = "HTTP API's status on an integration timeout (default: ${DEFAULT-VALUE}).")
    int integrationTimeoutStatus;

    @Option(names = "--lambda-throttle-status", paramLabel = "STATUS", defaultValue = "500",
            description = "The status when Lambda throttles (default ${DEFAULT-VALUE}: API Gateway turns Lambda's 429"
                    + " into a 500).")
    int lambdaThrottleStatus;

    @Option(names = "--no-stage-throttling", description = "Ignore the APIs' DefaultRouteSettings throttling.")
    boolean noStageThrottling;

    @Option(names = {"-q", "--quiet"}, description = "No line per request: a summary per burst instead.")
    boolean quiet;

    @Option(names = "--no-reload",
            description = "No hot reload. By default the functions' build output and the template are watched: after a"
                    + " build (mvn compile, sam build, an IDE), new requests run the new code, without a restart.")
    boolean noReload;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (stack.relaunchForDebugger()) {
            return DebugRelaunch.run(spec.root().commandLine().getParseResult().originalArgs(), stack.debugHost,
                    stack.debugPort, spec.commandLine().getErr());
        }
        LambdaJit.apply();
        var options = stack.builder()
                .host(host)
                .port(port)
                .warmContainers(warmContainers)
                .integrationTimeout(Duration.ofMillis(integrationTimeoutMs))
                .integrationTimeoutStatus(integrationTimeoutStatus)
                .lambdaThrottleStatus(lambdaThrottleStatus)
                .stageThrottling(!noStageThrottling)
                .logRequests(!quiet)
                .reload(!noReload)
                .build();
        var stack = LocalStack.start(options);
        if (warmContainers == WarmContainers.EAGER) {
            stack.prewarm();
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            options.log().accept("Stopping the local stack...");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
