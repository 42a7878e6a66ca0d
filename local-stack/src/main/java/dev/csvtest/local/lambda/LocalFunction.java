package dev.csvtest.local.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.csvtest.local.code.FunctionCode;
import dev.csvtest.local.code.sandbox.FunctionSandbox;
import dev.csvtest.local.lambda.InvocationResult.Execution;
import dev.csvtest.local.lambda.InvocationResult.FunctionError;
import dev.csvtest.local.template.FunctionSpec;

/**
 * One function as the Lambda service runs it: a pool of execution environments, each serving one invocation at a
 * time; idle ones reused last-in first-out; a new one (a cold start) when none is idle; throttled above its
 * concurrency quota; the {@code Timeout} enforced by discarding the environment and interrupting its thread.
 *
 * <p>Its code comes in generations: {@link #deploy} (hot reload) makes a new deployment current. New environments are
 * created on it from then on; idle environments of the previous one are retired; busy ones finish their invocation on
 * the code they started with and are retired after it. Nothing waits for the swap and no invocation fails for it.
 */
public final class LocalFunction {

    /** Lambda's synchronous response payload limit, as its error message states it. */
    public static final int MAX_RESPONSE_BYTES = 6_291_556;

    private final LambdaService service;
    private final ConcurrencyPool pool;
    private final ArrayDeque<ExecutionEnvironment> idle = new ArrayDeque<>();   // guarded by this
    private final AtomicInteger environmentSeq = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger();
    private volatile CodeGeneration current;   // written under this
    private boolean closed; // guarded by this

    LocalFunction(FunctionDeployment deployment, LambdaService service, ConcurrencyPool pool) {
        this.current = new CodeGeneration(1, deployment);
        this.service = service;
        this.pool = pool;
    }

    /** The function's current settings (those of its latest deployment). */
    public FunctionSpec spec() {
        return current.deployment().spec();
    }

    /** The function's current code (where it came from: {@code code().location()}). */
    public FunctionCode code() {
        return current.deployment().code();
    }

    /** The number of the current deployment: 1 at start, one more for each {@link #deploy}. */
    public int generation() {
        return current.number();
    }

    /**
     * Makes {@code next} the function's code and settings for every invocation that starts from now on. Idle
     * environments of the previous generation are retired (their handlers closed, off the caller's thread); busy ones
     * are retired when their invocation ends; the previous code is closed after its last environment.
     */
    public void deploy(FunctionDeployment next) {
        CodeGeneration previous;
        List<ExecutionEnvironment> retired;
        synchronized (this) {
            if (closed) {
                next.code().close();
                return;
            }
            previous = current;
            current = new CodeGeneration(previous.number() + 1, next);
            retired = List.copyOf(idle);
            idle.clear();
        }
        previous.supersede();
        if (!retired.isEmpty()) {
            Thread.ofVirtual().name("retire-" + spec().logicalId() + "-generation-" + previous.number())
                    .start(() -> retired.forEach(this::retire));
        }
    }

    public ConcurrencyPool pool() {
        return pool;
    }

    /** Environments alive now (busy or idle). */
    public int environments() {
        return live.get();
    }

    /** Environments idle now. */
    public synchronized int idleEnvironments() {
        return idle.size();
    }

    /** What {@code System.getenv} returns in the function (template variables, Lambda's reserved ones, ...). */
    public Map<String, String> environment() {
        return current.deployment().environment();
    }

    /**
     * Starts one synchronous invocation. The future completes with the result, or with a timeout error when the
     * function's {@code Timeout} passes (the environment is then discarded and its thread interrupted).
     */
    public CompletableFuture<InvocationResult> invoke(byte[] event) {
        if (!pool.tryAcquire()) {
            return CompletableFuture.completedFuture(new InvocationResult.Throttled(
                    "Rate Exceeded: " + spec().logicalId() + " is at its concurrency limit " + pool.limit() + " (" + pool.name() + ")"));
        }
        var result = new Pending();
        String requestId = UUID.randomUUID().toString();
        Thread.ofVirtual().name("lambda-" + spec().logicalId() + "-" + requestId).start(() -> run(event, requestId, result));
        return result;
    }

    /**
     * Creates one environment ahead of traffic (what {@code sam local start-api --warm-containers EAGER} does), so the
     * first request is warm. Returns its init duration, or -1 if init failed (logged) or no concurrency was free.
     */
    public long prewarm() {
        if (!pool.tryAcquire()) {
            return -1;
        }
        try {
            var env = newEnvironment();
            giveBack(env);
            return env.initTimes().initMillis();
        } catch (Throwable failure) {
            service.log(spec().logicalId() + " pre-warm init failed: "
                    + new String(errorOf(InitFailure.cause(failure), "prewarm", null).payload(), UTF_8));
            return -1;
        } finally {
            pool.release();
        }
    }

    /**
     * An invocation in progress, with the phase it is in: the gateway reports it when it gives up waiting (integration
     * timeout), which tells an invocation still queued for a thread or still in its cold init from a slow handler.
     */
    public static final class Pending extends CompletableFuture<InvocationResult> {
        private volatile String phase = "queued (its thread not yet scheduled)";

        public String phase() {
            return phase;
        }

        void phase(String now) {
            phase = now;
        }
    }

    /** A new environment on the current generation (a cold start); the caller holds a concurrency slot. */
    private ExecutionEnvironment newEnvironment() throws Throwable {
        var generation = retainCurrent();
        String id = generation.deployment().spec().logicalId() + "#" + environmentSeq.incrementAndGet();
        ExecutionEnvironment env;
        try {
            env = ExecutionEnvironment.init(id, logStreamName(), generation);
        } catch (Throwable initError) {
            throw new InitFailure(id, initError);
        }
        live.incrementAndGet();
        env.initTimes().snapStart().ifPresent(s -> service.log(id + " " + env.initTimes().describe()));
        return env;
    }

    /** Init failed in the environment {@code id}. */
    private static final class InitFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final String id;

        InitFailure(String id, Throwable cause) {
            super(cause);
            this.id = id;
        }

        /** What init threw. */
        static Throwable cause(Throwable failure) {
            return failure instanceof InitFailure f ? f.getCause() : failure;
        }
    }

    private synchronized CodeGeneration retainCurrent() {
        if (closed) {
            throw new IllegalStateException(current.deployment().spec().logicalId() + " is stopped");
        }
        current.retain();
        return current;
    }

    private void run(byte[] event, String requestId, Pending result) {
        ExecutionEnvironment env = takeIdle();
        boolean cold = env == null;
        result.phase(cold ? "cold init" : "handler (warm)");
        if (cold) {
            try {
                env = newEnvironment();
            } catch (Throwable failure) {
                String id = failure instanceof InitFailure f ? f.id : "(none)";
                var error = errorOf(InitFailure.cause(failure), requestId, new Execution(id, true, 0));
                service.log(spec().logicalId() + " init failed in " + id + ": " + new String(error.payload(), UTF_8));
                pool.release();
                result.complete(error);
                return;
            }
            result.phase("handler (after cold init)");
        }
        // The environment's own generation has the settings it runs with, even if a newer one was deployed since.
        var spec = env.generation().deployment().spec();
        var execution = Execution.of(env.id(), cold, env.initTimes());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(spec.timeoutSeconds());
        var context = new LocalContext(requestId, spec.functionName(),
                service.identity().functionArn(spec.functionName()),
                env.logStreamName(), spec.memoryMb(),
                System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(spec.timeoutSeconds()), service.handlerLogger());
        Thread worker = Thread.currentThread();
        final ExecutionEnvironment running = env;
        var timer = service.scheduler().schedule(() -> timeOut(running, spec, worker, requestId, execution, result),
                deadline - System.nanoTime(), TimeUnit.NANOSECONDS);

        InvocationResult outcome;
        boolean keep = true;
        try {
            Payload payload = env.invoke(event, context);
            if (payload.size() > MAX_RESPONSE_BYTES) {
                outcome = FunctionError.of("Function.ResponseSizeTooLarge",
                        "Response payload size exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes).", null, execution);
            } else {
                outcome = new InvocationResult.Success(payload, execution);
            }
        } catch (Throwable failure) {
            outcome = errorOf(failure, requestId, execution);
            // Lambda's Java runtime survives exceptions but not Errors (OutOfMemoryError, StackOverflowError, and
            // System.exit, which ends the runtime process).
            keep = failure instanceof Exception;
        }
        timer.cancel(false);
        if (result.complete(outcome)) {
            if (outcome instanceof FunctionError error) {
                service.log(new String(error.payload(), UTF_8));
            }
            if (keep) {
                giveBack(env);
            } else {
                retire(env);
            }
            pool.release();
        }
        // else: the deadline won; timeOut() discarded this environment and released its concurrency.
    }

    private void timeOut(ExecutionEnvironment env, FunctionSpec spec, Thread worker, String requestId,
                         Execution execution, CompletableFuture<InvocationResult> result) {
        var error = FunctionError.of("Sandbox.Timedout", Instant.now() + " " + requestId + " Task timed out after "
                + String.format("%.2f", (double) spec.timeoutSeconds()) + " seconds", null, execution);
        if (!result.complete(error)) {
            return;
        }
        // The environment is gone now (never reused, no longer counted); closing its handler (SDK client, threads)
        // happens off this thread: it is the one timer for every invocation's Timeout, and thousands of timeouts at
        // once (N=10,000 on 2 cores) must not delay the next deadline behind their close() calls (a late deadline
        // turns the function's 500 into API Gateway's 503).
        boolean mine;
        synchronized (env) {
            mine = env.markDiscarded();
        }
        if (mine) {
            live.decrementAndGet();
            Thread.ofVirtual().name("retire-" + env.id()).start(() -> {
                var failure = env.close();
                if (failure != null) {
                    service.log("environment " + env.id() + " of " + spec.logicalId() + ": close() failed: " + failure);
                }
            });
        }
        pool.release();
        service.log(new String(error.payload(), UTF_8) + " (environment " + env.id()
                + " discarded, its thread interrupted)");
        worker.interrupt();
        service.scheduler().schedule(() -> {
            if (worker.isAlive()) {
                service.log("warning: " + env.id() + "'s thread still runs 2 s after its interrupt (it ignores "
                        + "interrupts, or is still waiting for a CPU), detached from the stack");
            }
        }, 2, TimeUnit.SECONDS);
    }

    private synchronized ExecutionEnvironment takeIdle() {
        return idle.pollLast();   // only the current generation's environments are ever idle
    }

    private void giveBack(ExecutionEnvironment env) {
        synchronized (this) {
            if (!closed && !env.discarded() && env.generation() == current) {
                idle.addLast(env);
                return;
            }
        }
        retire(env); // the stack closed, or new code was deployed, while this environment was busy
    }

    private void retire(ExecutionEnvironment env) {
        synchronized (env) {
            if (env.discarded()) {
                return;
            }
            var failure = env.discard();
            live.decrementAndGet();
            if (failure != null) {
                service.log("environment " + env.id() + " of " + spec().logicalId() + ": close() failed: " + failure);
            }
        }
    }

    /**
     * Discards every idle environment (closing its handler); busy ones are discarded when their invocation ends, and
     * the code is closed after the last of them.
     */
    void close() {
        List<ExecutionEnvironment> idleNow;
        synchronized (this) {
            closed = true;
            idleNow = List.copyOf(idle);
            idle.clear();
        }
        idleNow.forEach(this::retire);
        current.supersede();
    }

    private String logStreamName() {
        var hex = HexFormat.of().formatHex(randomBytes(16));
        var date = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString().replace('-', '/');
        return date + "/[$LATEST]" + hex;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** Lambda's error shape for an exception thrown by the handler or its init, or for its {@code System.exit}. */
    static FunctionError errorOf(Throwable failure, String requestId, Execution execution) {
        if (failure.getClass().getName().equals(FunctionSandbox.Exit.class.getName())) {
            return FunctionError.of("Runtime.ExitError", "RequestId: " + requestId + " Error: " + failure.getMessage(),
                    null, execution);
        }
        var error = new java.util.LinkedHashMap<String, Object>();
        fill(error, failure);
        return new FunctionError(error, execution);
    }

    private static void fill(Map<String, Object> error, Throwable failure) {
        error.put("errorMessage", failure.getMessage() == null ? failure.toString() : failure.getMessage());
        error.put("errorType", failure.getClass().getName());
        List<String> trace = new ArrayList<>();
        for (StackTraceElement e : failure.getStackTrace()) {
            trace.add(e.toString());
        }
        error.put("stackTrace", trace);
        if (failure.getCause() != null && failure.getCause() != failure) {
            var cause = new java.util.LinkedHashMap<String, Object>();
            fill(cause, failure.getCause());
            error.put("cause", cause);
        }
    }
}
