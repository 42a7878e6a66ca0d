package dev.csvtest.local;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.csvtest.local.gateway.HttpApiGateway;
import dev.csvtest.local.gateway.StaticContent;
import dev.csvtest.local.lambda.FunctionDeployment;
import dev.csvtest.local.lambda.FunctionEnvironment;
import dev.csvtest.local.lambda.LambdaService;
import dev.csvtest.local.lambda.LocalFunction;
import dev.csvtest.local.reload.StackReloader;
import dev.csvtest.local.resources.CustomResources;
import dev.csvtest.local.s3.LocalS3;
import dev.csvtest.s3.EmbeddedS3;
import dev.csvtest.s3.S3Endpoint;
import dev.csvtest.local.template.CustomResourceSpec;
import dev.csvtest.local.template.DistributionSpec;
import dev.csvtest.local.template.FunctionSpec;
import dev.csvtest.local.template.SamTemplate;
import dev.csvtest.local.template.StackIdentity;
import dev.csvtest.local.template.TemplateReader;

/**
 * A Docker-free {@code sam local} for Java SAM apps: reads the template, loads each function's code from its build
 * output, plays Lambda (an execution environment per in-flight request) and API Gateway, and gives the template what
 * it declares around its functions: an embedded S3 for its buckets, its custom resources run at start, its
 * CloudFront bucket served beside the API.
 *
 * <p>From code: {@code try (var stack = LocalStack.start(LocalStackOptions.builder().port(0).build())) { ... }}.
 * From the command line: {@link dev.csvtest.local.cli.LocalStackCommand}.
 */
public final class LocalStack implements AutoCloseable {

    /** The line users and scripts wait for, followed by the URL. */
    public static final String READY = "Local API ready: ";

    /** Stands in for {@code AWS::StackName}, and prefixes local physical names. */
    static final String STACK_NAME = "local";

    private final LocalStackOptions options;
    private final SamTemplate template;
    private final Services services;

    private LocalStack(LocalStackOptions options, SamTemplate template, Services services) {
        this.options = options;
        this.template = template;
        this.services = services;
    }

    /**
     * What the stack runs; each but Lambda may be absent (null): the S3 when the template has no buckets, the custom
     * resources when it has none, the gateway in invoke mode, the reloader unless asked for.
     */
    private record Services(S3Endpoint s3, LambdaService lambda, CustomResources customResources, HttpApiGateway gateway,
                            StackReloader reloader) implements AutoCloseable {

        /** Stops taking requests first; the custom resources' Delete still needs the functions and the S3. */
        @Override
        public void close() {
            if (reloader != null) {
                reloader.close();
            }
            if (gateway != null) {
                gateway.close();
            }
            // closeAll goes from last to first.
            AutoCloseable stopS3 = () -> {
                if (s3 != null) {
                    s3.close();
                }
            };
            AutoCloseable deleteResources = () -> {
                if (customResources != null) {
                    customResources.close();
                }
            };
            closeAll(List.of(stopS3, lambda, deleteResources));
        }
    }

    /** Starts everything and returns once the API can serve (after printing the ready line and the banner). */
    public static LocalStack start(LocalStackOptions options) {
        Objects.requireNonNull(options, "options");
        configureHttpServer();
        var log = options.log();
        var template = readTemplate(options);
        template.notes().forEach(note -> log.accept("note: " + note));
        var closeOnFailure = new ArrayList<AutoCloseable>();
        try {
            S3Endpoint s3 = startS3(template, options);
            if (s3 != null) {
                closeOnFailure.add(s3);
            }
            var customResources = customResourcesNeeded(template, options);
            var functionIds = functionsNeeded(template, options, customResources);
            var settings = new FunctionDeployment.Settings(options.template(), options.region(), options.processEnv(),
                    Optional.ofNullable(s3).map(S3Endpoint::endpoint), options.isolation(), log);
            var deployments = new ArrayList<FunctionDeployment>();
            for (var spec : template.functions()) {
                if (!functionIds.contains(spec.logicalId())) {
                    continue;
                }
                var deployment = FunctionDeployment.open(spec, settings);
                closeOnFailure.add(deployment.code());
                deployments.add(deployment);
            }
            var identity = new StackIdentity(STACK_NAME, options.region());
            var lambda = new LambdaService(deployments, options.concurrencyLimit(), identity, log, options.handlerOut());
            closeOnFailure.add(lambda);
            var resources = CustomResources.create(customResources, lambda, identity.stackId(), log);
            if (resources != null) {
                closeOnFailure.add(resources);
            }
            HttpApiGateway gateway = null;
            if (options.serveHttp()) {
                gateway = new HttpApiGateway(lambda, template.throttling(), new HttpApiGateway.Settings(
                        options.host(), options.port(), 16_384, options.integrationTimeout(),
                        options.integrationTimeoutStatus(), options.lambdaThrottleStatus(), options.stageThrottling(),
                        options.logRequests()), staticContent(template, s3), log);
                closeOnFailure.add(gateway);
            }
            StackReloader reloader = null;
            if (options.reload()) {
                var templateFiles = new ArrayList<>(List.of(options.template()));
                options.envVars().ifPresent(templateFiles::add);
                reloader = new StackReloader(lambda, template, () -> readTemplate(options), templateFiles, settings,
                        options.reloadQuietPeriod(), options.warmContainers() == LocalStackOptions.WarmContainers.EAGER,
                        log);
                closeOnFailure.add(reloader);
            }
            var stack = new LocalStack(options, template, new Services(s3, lambda, resources, gateway, reloader));
            if (gateway != null) {
                stack.banner().forEach(log);
                log.accept(READY + stack.url());
            }
            return stack;
        } catch (IOException e) {
            closeAll(closeOnFailure);
            throw new IllegalStateException("cannot start the local HTTP API on " + options.host() + ":" + options.port()
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(closeOnFailure);
            throw e;
        }
    }

    /**
     * Every custom resource, or with {@link LocalStackOptions#only()} (invoke) those its function depends on: invoking
     * one function should not run the others' deploy-time work ({@code sam local invoke} runs none; csv-test's function
     * needs its bucket seeded, and says so with {@code DependsOn}).
     */
    private static List<CustomResourceSpec> customResourcesNeeded(SamTemplate template, LocalStackOptions options) {
        if (options.only().isEmpty()) {
            return template.customResources();
        }
        template.function(options.only().get());   // fails naming the functions if there is no such function
        var needed = template.dependenciesOf(options.only().get());
        return template.customResources().stream().filter(r -> needed.contains(r.logicalId())).toList();
    }

    /** The functions to host: all, or the one invoked and those behind the custom resources it needs. */
    private static java.util.Set<String> functionsNeeded(SamTemplate template, LocalStackOptions options,
                                                         List<CustomResourceSpec> customResources) {
        if (options.only().isEmpty()) {
            return template.functions().stream().map(FunctionSpec::logicalId).collect(java.util.stream.Collectors.toSet());
        }
        var ids = new java.util.HashSet<String>();
        ids.add(options.only().get());
        customResources.forEach(r -> ids.add(r.functionId()));
        return ids;
    }

    private static SamTemplate readTemplate(LocalStackOptions options) {
        return new TemplateReader(STACK_NAME, options.region())
                .read(options.template(), options.parameterOverrides(), options.envVars());
    }

    private static S3Endpoint startS3(SamTemplate template, LocalStackOptions options) {
        if (options.s3Endpoint().isPresent()) {
            var s3 = LocalS3.external(options.s3Endpoint().get(), options.region(), options.processEnv(),
                    FunctionEnvironment.hasCredentials(options.processEnv()));
            template.buckets().values().forEach(s3::createBucket);
            return s3;
        }
        if (template.buckets().isEmpty()) {
            return null;
        }
        var s3 = EmbeddedS3.start();
        template.buckets().values().forEach(s3::createBucket);
        return s3;
    }

    /** The first distribution in front of a template bucket, served from the embedded S3. */
    private static StaticContent staticContent(SamTemplate template, S3Endpoint s3) {
        if (!(s3 instanceof EmbeddedS3 embedded) || template.distributions().isEmpty()) {
            return StaticContent.none();
        }
        DistributionSpec distribution = template.distributions().getFirst();
        return new StaticContent(key -> embedded.read(distribution.bucket(), key)
                .map(o -> new StaticContent.Resource(o.bytes(), o.contentType() == null
                        ? "application/octet-stream" : o.contentType())),
                distribution.defaultRootObject(),
                distribution.logicalId() + " (bucket " + distribution.bucket() + ")");
    }

    /** The JDK HTTP server reads these once; set them before it is first used, unless the user chose otherwise. */
    private static void configureHttpServer() {
        setIfAbsent("sun.net.httpserver.nodelay", "true");
        // A request (line, headers, body) must arrive within 30 s: a slow client cannot hold a connection forever.
        setIfAbsent("sun.net.httpserver.maxReqTime", "30");
        setIfAbsent("sun.net.httpserver.maxIdleConnections", "10000");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private List<String> banner() {
        var lambda = services.lambda();
        var gateway = services.gateway();
        var s3 = services.s3();
        var reloader = services.reloader();
        var lines = new ArrayList<String>();
        lines.add("Template: " + options.template() + " (Java " + Runtime.version().feature()
                + " runs every java runtime; region " + options.region() + ")");
        for (var f : lambda.functions()) {
            var spec = f.spec();
            lines.add(String.format("  %s: %s, %s%s, timeout %d s, memory %d MB, isolation %s%s, code %s", spec.logicalId(),
                    spec.handler(), spec.runtime(), spec.runtime().equals("java" + Runtime.version().feature()) ? ""
                            : " (on Java " + Runtime.version().feature() + ")",
                    spec.timeoutSeconds(), spec.memoryMb(), f.code().isolation(),
                    spec.snapStart() ? ", SnapStart (each environment runs its CRaC hooks after init)" : "",
                    f.code().location().description()));
        }
        lines.add("Routes:");
        for (var route : gateway.routes()) {
            lines.add(String.format("  %-28s -> %s", route.spec().routeKey(), route.function().spec().logicalId()));
        }
        if (s3 != null) {
            lines.add("S3: " + s3.description() + ", buckets " + template.buckets().values());
        }
        if (!gateway.statics().description().isEmpty()) {
            lines.add("CloudFront: " + gateway.statics().description() + " served at " + url() + "/ for paths no route takes");
        }
        lines.add("Concurrency: account limit " + lambda.accountConcurrency() + " (--concurrency-limit), unreserved "
                + lambda.unreservedPool().limit() + "; environments reused, "
                + (options.warmContainers() == LocalStackOptions.WarmContainers.EAGER
                ? "one per function initialised at start (--warm-containers EAGER)" : "created on demand") + "; "
                + "isolation ENVIRONMENT: each environment loads all of its function's classes, as on Lambda; FUNCTION:"
                + " a function's jars are shared by its environments");
        if (reloader != null) {
            lines.add("Hot reload: " + reloader.description());
        }
        lines.add("Integration timeout: " + options.integrationTimeout().toMillis() + " ms -> "
                + options.integrationTimeoutStatus() + (template.throttling().isEmpty() ? ""
                : "; stage throttling " + (options.stageThrottling() ? template.throttling().getFirst() : "off")));
        ProcessHandle.current().info().startInstant().ifPresent(started -> lines.add("Started in "
                + Duration.between(started, Instant.now()).toMillis() + " ms (JVM start to ready). Ctrl-C stops."));
        return lines;
    }

    /** Initialises one environment of every function ({@code --warm-containers EAGER}), in the background. */
    public void prewarm() {
        Thread.ofVirtual().name("prewarm").start(() -> {
            for (var function : services.lambda().functions()) {
                long ms = function.prewarm();
                if (ms >= 0) {
                    options.log().accept("pre-warmed one environment of " + function.spec().logicalId() + " (init " + ms + " ms)");
                }
            }
        });
    }

    public int port() {
        if (services.gateway() == null) {
            throw new IllegalStateException("this stack serves no HTTP (invoke mode)");
        }
        return services.gateway().port();
    }

    public String url() {
        String host = options.host().equals("0.0.0.0") ? "127.0.0.1" : options.host();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    public LocalFunction function(String logicalId) {
        return services.lambda().function(logicalId);
    }

    public SamTemplate template() {
        return template;
    }

    /** The S3 the stack provides, if the template has buckets (or {@code --s3-endpoint} was given). */
    public Optional<S3Endpoint> s3() {
        return Optional.ofNullable(services.s3());
    }

    @Override
    public void close() {
        services.close();
    }

    /** Closes the last first (the reverse of the order things were started in). */
    private static void closeAll(List<? extends AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("local stack: closing " + resources.get(i) + " failed: " + e);
            }
        }
    }
}
