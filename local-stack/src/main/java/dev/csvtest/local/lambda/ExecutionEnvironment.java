package dev.csvtest.local.lambda;

import java.lang.reflect.InvocationTargetException;

import dev.csvtest.local.code.FunctionCode;

/**
 * One execution environment: a handler instance in its own class loader (see {@link FunctionCode}). It serves one invocation at a
 * time. After a timeout it is discarded and never reused, as Lambda resets a timed-out environment.
 */
final class ExecutionEnvironment {

    private final String id;
    private final String logStreamName;
    private final ClassLoader loader;
    private final HandlerAdapter.Call call;
    private final long initMillis;
    /** The handler instance, closed with the environment when it is {@link AutoCloseable}. */
    private final Object handler;
    private volatile boolean discarded;

    private ExecutionEnvironment(String id, String logStreamName, ClassLoader loader, HandlerAdapter.Call call,
                                 long initMillis, Object handler) {
        this.id = id;
        this.logStreamName = logStreamName;
        this.loader = loader;
        this.call = call;
        this.initMillis = initMillis;
        this.handler = handler;
    }

    /**
     * Runs the init phase as Lambda's Java runtime does: a fresh class loader for the function's own classes, the
     * handler class's static initialisation, and its public no-argument constructor.
     *
     * @throws Throwable whatever init threw (unwrapped)
     */
    static ExecutionEnvironment init(String id, String logStreamName, FunctionCode code, String handlerClass,
                                     String handlerMethod) throws Throwable {
        long start = System.nanoTime();
        var loader = code.newEnvironmentLoader(id);
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(loader);
        try {
            Class<?> type = Class.forName(handlerClass, true, loader);
            Object handler = newHandler(type);
            var call = HandlerAdapter.bind(handler, handlerMethod);
            return new ExecutionEnvironment(id, logStreamName, loader, call, (System.nanoTime() - start) / 1_000_000L, handler);
        } catch (ExceptionInInitializerError e) {
            throw e.getCause() != null ? e.getCause() : e;
        } finally {
            current.setContextClassLoader(previous);
        }
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

    byte[] invoke(byte[] event, LocalContext context) throws Throwable {
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

    long initMillis() {
        return initMillis;
    }

    boolean discarded() {
        return discarded;
    }

    /**
     * Marks the environment as gone and releases what its handler holds (an {@link AutoCloseable} handler's
     * {@code close()}: SDK clients, their timeout threads, fetch executors). On Lambda the whole microVM goes away; here
     * the JVM stays, so without this every discarded environment would leave its threads and connections behind.
     *
     * @return what {@code close()} threw, or null
     */
    synchronized Throwable discard() {
        return markDiscarded() ? closeHandler() : null;
    }

    /** Marks the environment as gone; false if it already was. {@link #closeHandler()} then releases its resources. */
    synchronized boolean markDiscarded() {
        if (discarded) {
            return false;
        }
        discarded = true;
        return true;
    }

    /** Closes an {@link AutoCloseable} handler (once the environment is marked discarded); returns what it threw. */
    Throwable closeHandler() {
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
