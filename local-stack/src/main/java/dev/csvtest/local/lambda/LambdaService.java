package dev.csvtest.local.lambda;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.LambdaLogger;

import dev.csvtest.local.template.StackIdentity;
import dev.csvtest.local.template.TemplateException;

/**
 * Plays the Lambda service for the local stack: the functions, the account concurrency quota (reserved concurrency
 * carved out of it, the rest shared), and the timer that enforces every function's {@code Timeout}.
 */
public final class LambdaService implements AutoCloseable {

    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final StackIdentity identity;
    private final int accountConcurrency;
    private final ConcurrencyPool unreserved;
    private final Consumer<String> log;
    private final LambdaLogger handlerLogger;
    private final ScheduledThreadPoolExecutor scheduler;

    /**
     * @param functions          the functions to host, with their code and environment
     * @param accountConcurrency the account's concurrency quota (Lambda's default is 1,000)
     * @param identity           the region and account the functions' ARNs name
     * @param log                where the service's own lines go (errors, timeouts)
     * @param handlerOut         where the handler's {@code Context} logger writes
     */
    public LambdaService(List<FunctionDeployment> functions, int accountConcurrency, StackIdentity identity,
                         Consumer<String> log, PrintStream handlerOut) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.accountConcurrency = accountConcurrency;
        this.log = Objects.requireNonNull(log, "log");
        this.handlerLogger = new PassThroughLogger(handlerOut);
        int reserved = 0;
        for (var function : functions) {
            reserved += function.spec().reservedConcurrency().orElse(0);
        }
        if (reserved > accountConcurrency) {
            throw new TemplateException("reserved concurrency (" + reserved + ") exceeds the account concurrency limit ("
                    + accountConcurrency + "); raise --concurrency-limit");
        }
        this.unreserved = new ConcurrencyPool("account unreserved concurrency", accountConcurrency - reserved);
        for (var function : functions) {
            var spec = function.spec();
            var pool = spec.reservedConcurrency().isPresent()
                    ? new ConcurrencyPool(spec.logicalId() + " reserved concurrency", spec.reservedConcurrency().getAsInt())
                    : unreserved;
            this.functions.put(spec.logicalId(), new LocalFunction(function, this, pool));
        }
        this.scheduler = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("lambda-timeouts").daemon().factory());
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    public LocalFunction function(String logicalId) {
        var f = functions.get(logicalId);
        if (f == null) {
            throw new IllegalArgumentException("no function " + logicalId + " (functions: " + functions.keySet() + ")");
        }
        return f;
    }

    /**
     * Deploys new code or settings of a function already hosted (hot reload): see {@link LocalFunction#deploy}. Its
     * concurrency quota and routes stay as they were.
     */
    public void redeploy(FunctionDeployment deployment) {
        function(deployment.spec().logicalId()).deploy(deployment);
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

    StackIdentity identity() {
        return identity;
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
