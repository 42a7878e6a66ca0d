package dev.csvtest.local.lambda;

import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.LambdaLogger;

import dev.csvtest.local.template.FunctionSpec;
import dev.csvtest.local.template.TemplateException;

/**
 * Plays the Lambda service for the local stack: the functions, the account concurrency quota (reserved concurrency
 * carved out of it, the rest shared), and the timer that enforces every function's {@code Timeout}.
 */
public final class LambdaService implements AutoCloseable {

    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final ClassLoader sharedLoader;
    private final String emulatorPackage;
    private final String region;
    private final int accountConcurrency;
    private final ConcurrencyPool unreserved;
    private final Consumer<String> log;
    private final LambdaLogger handlerLogger;
    private final ScheduledThreadPoolExecutor scheduler;

    /**
     * @param functions          the functions to host
     * @param environmentOf      the full environment each function sees
     * @param accountConcurrency the account's concurrency quota (Lambda's default is 1,000)
     * @param sharedLoader       the parent of every environment's loader: it holds the SDK and Lambda libraries, and
     *                           finds the function code roots
     * @param emulatorPackage    classes in this package are never loaded as function code
     * @param log                where the service's own lines go (errors, timeouts)
     * @param handlerOut         where the handler's {@code Context} logger writes
     */
    public LambdaService(Iterable<FunctionSpec> functions, Function<FunctionSpec, Map<String, String>> environmentOf,
                         int accountConcurrency, String region, ClassLoader sharedLoader, String emulatorPackage,
                         Consumer<String> log, PrintStream handlerOut) {
        this.sharedLoader = Objects.requireNonNull(sharedLoader, "sharedLoader");
        this.emulatorPackage = Objects.requireNonNull(emulatorPackage, "emulatorPackage");
        this.region = Objects.requireNonNull(region, "region");
        this.accountConcurrency = accountConcurrency;
        this.log = Objects.requireNonNull(log, "log");
        this.handlerLogger = new PassThroughLogger(handlerOut);
        int reserved = 0;
        for (var spec : functions) {
            reserved += spec.reservedConcurrency().orElse(0);
        }
        if (reserved > accountConcurrency) {
            throw new TemplateException("reserved concurrency (" + reserved + ") exceeds the account concurrency limit ("
                    + accountConcurrency + "); raise --concurrency-limit");
        }
        this.unreserved = new ConcurrencyPool("account unreserved concurrency", accountConcurrency - reserved);
        for (var spec : functions) {
            var pool = spec.reservedConcurrency().isPresent()
                    ? new ConcurrencyPool(spec.logicalId() + " reserved concurrency", spec.reservedConcurrency().getAsInt())
                    : unreserved;
            this.functions.put(spec.logicalId(), new LocalFunction(spec, environmentOf.apply(spec), codeRoot(spec), this, pool));
        }
        this.scheduler = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("lambda-timeouts").daemon().factory());
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    /** The code root holding the handler class (e.g. {@code target/classes}); its classes load per environment. */
    private CodeRoot codeRoot(FunctionSpec spec) {
        String resource = spec.handlerClass().replace('.', '/') + ".class";
        URL url = sharedLoader.getResource(resource);
        if (url == null) {
            String problem = spec.logicalId() + ": handler class " + spec.handlerClass()
                    + " is not on the classpath (build it first: ./mvnw test-compile)";
            if (!spec.routes().isEmpty()) {
                throw new TemplateException(problem);
            }
            log.accept("note: " + problem + "; invoking it will fail");
            return null;
        }
        String text = url.toString();
        try {
            if (text.startsWith("jar:")) {
                return CodeRoot.index(URI.create(text.substring(4, text.indexOf("!/"))).toURL());
            }
            return CodeRoot.index(URI.create(text.substring(0, text.length() - resource.length())).toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException("bad code root for " + text, e);
        }
    }

    public LocalFunction function(String logicalId) {
        var f = functions.get(logicalId);
        if (f == null) {
            throw new IllegalArgumentException("no function " + logicalId + " (functions: " + functions.keySet() + ")");
        }
        return f;
    }

    public Iterable<LocalFunction> functions() {
        return functions.values();
    }

    public int accountConcurrency() {
        return accountConcurrency;
    }

    public ConcurrencyPool unreservedPool() {
        return unreserved;
    }

    ClassLoader sharedLoader() {
        return sharedLoader;
    }

    String emulatorPackage() {
        return emulatorPackage;
    }

    String region() {
        return region;
    }

    ScheduledThreadPoolExecutor scheduler() {
        return scheduler;
    }

    LambdaLogger handlerLogger() {
        return handlerLogger;
    }

    void log(String line) {
        log.accept(line);
    }

    @Override
    public void close() {
        functions.values().forEach(LocalFunction::close);
        scheduler.shutdownNow();
    }
}
