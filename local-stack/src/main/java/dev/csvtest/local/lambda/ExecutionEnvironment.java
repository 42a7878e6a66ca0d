package dev.csvtest.local.lambda;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

import dev.csvtest.local.code.FunctionCode;
import dev.csvtest.local.code.SnapStartHooks;

/**
 * One execution environment: a handler instance in its own class loader (see {@link FunctionCode}), on one generation
 * of the function's code, which it holds until it is discarded. It serves one invocation at a time. After a timeout
 * it is discarded and never reused, as Lambda resets a timed-out environment.
 */
final class ExecutionEnvironment {

    private final String id;
    private final String logStreamName;
    private final CodeGeneration generation;
    private final ClassLoader loader;
    private final HandlerAdapter.Call call;
    private final InitTimes initTimes;
    /** The handler instance, closed with the environment when it is {@link AutoCloseable}. */
    private final Object handler;
    private volatile boolean discarded;

    private ExecutionEnvironment(String id, String logStreamName, CodeGeneration generation, ClassLoader loader,
                                 HandlerAdapter.Call call, InitTimes initTimes, Object handler) {
        this.id = id;
        this.logStreamName = logStreamName;
        this.generation = generation;
        this.loader = loader;
        this.call = call;
        this.initTimes = initTimes;
        this.handler = handler;
    }

    /**
     * Runs the init phase as Lambda's Java runtime does: a fresh class loader for the function's own classes, the
     * handler class's static initialisation, and its public no-argument constructor. For a SnapStart function, then
     * what publishing a version and restoring its snapshot run: the {@code beforeCheckpoint} hooks the environment
     * registered, and its {@code afterRestore} hooks.
     *
     * @param generation the code to run, already {@linkplain CodeGeneration#retain() retained} for this environment;
     *                   released here if init fails
     * @throws Throwable whatever init or a hook threw (unwrapped)
     */
    static ExecutionEnvironment init(String id, String logStreamName, CodeGeneration generation) throws Throwable {
        var spec = generation.deployment().spec();
        var code = generation.deployment().code();
        var loader = code.newEnvironmentLoader(id);
        Optional<SnapStartHooks> hooks = code.snapStart();
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(loader);
        try {
            hooks.ifPresent(h -> h.open(loader));
            long start = System.nanoTime();
            Class<?> type = Class.forName(spec.handlerClass(), true, loader);
            Object handler = newHandler(type);
            var call = HandlerAdapter.bind(handler, spec.handlerMethod());
            long initMillis = millisSince(start);
            var times = hooks.isEmpty() ? InitTimes.of(initMillis) : runHooks(hooks.get(), loader, initMillis);
            return new ExecutionEnvironment(id, logStreamName, generation, loader, call, times, handler);
        } catch (Throwable failure) {
            hooks.ifPresent(h -> h.close(loader));
            generation.release();
            throw failure instanceof ExceptionInInitializerError e && e.getCause() != null ? e.getCause() : failure;
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    private static InitTimes runHooks(SnapStartHooks hooks, ClassLoader loader, long initMillis) throws Exception {
        long start = System.nanoTime();
        int resources = hooks.beforeCheckpoint(loader);
        long checkpoint = millisSince(start);
        start = System.nanoTime();
        hooks.afterRestore(loader);
        return new InitTimes(initMillis, Optional.of(new InitTimes.SnapStartTimes(resources, checkpoint, millisSince(start))));
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }

    private static Object newHandler(Class<?> type) throws Throwable {
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new NoSuchMethodException("Class " + type.getName() + " has no public zero-argument constructor");
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    Payload invoke(byte[] event, LocalContext context) throws Throwable {
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(loader);
        try {
            return call.invoke(event, context);
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    String id() {
        return id;
    }

    String logStreamName() {
        return logStreamName;
    }

    CodeGeneration generation() {
        return generation;
    }

    InitTimes initTimes() {
        return initTimes;
    }

    boolean discarded() {
        return discarded;
    }

    /**
     * Marks the environment as gone and releases what it holds (see {@link #close()}). On Lambda the whole microVM
     * goes away; here the JVM stays, so without this every discarded environment would leave its threads and
     * connections behind, and its code generation could never be closed.
     *
     * @return what the handler's {@code close()} threw, or null
     */
    synchronized Throwable discard() {
        return markDiscarded() ? close() : null;
    }

    /** Marks the environment as gone; false if it already was. {@link #close()} then releases its resources. */
    synchronized boolean markDiscarded() {
        if (discarded) {
            return false;
        }
        discarded = true;
        return true;
    }

    /**
     * Closes an {@link AutoCloseable} handler (SDK clients, their timeout threads, fetch executors), forgets the
     * environment's CRaC context and gives back its hold on its code generation; call once, after
     * {@link #markDiscarded()}. Returns what {@code close()} threw.
     */
    Throwable close() {
        try {
            return closeHandler();
        } finally {
            generation.deployment().code().snapStart().ifPresent(h -> h.close(loader));
            generation.release();
        }
    }

    private Throwable closeHandler() {
        if (handler instanceof AutoCloseable closeable) {
            Thread current = Thread.currentThread();
            ClassLoader previous = current.getContextClassLoader();
            current.setContextClassLoader(loader);
            try {
                closeable.close();
            } catch (Exception | LinkageError e) {
                return e;
            } finally {
                current.setContextClassLoader(previous);
            }
        }
        return null;
    }
}
