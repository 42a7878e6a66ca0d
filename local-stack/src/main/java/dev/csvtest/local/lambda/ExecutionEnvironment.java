package dev.csvtest.local.lambda;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * One execution environment: a handler instance in its own {@link FunctionClassLoader}. It serves one invocation at a
 * time. After a timeout it is discarded and never reused, as Lambda resets a timed-out environment.
 */
final class ExecutionEnvironment {

    private final String id;
    private final String logStreamName;
    private final FunctionClassLoader loader;
    private final HandlerAdapter.Call call;
    private final long initMillis;
    /** The handler instance, closed with the environment when it is {@link AutoCloseable}. */
    private final Object handler;
    private volatile boolean discarded;

    private ExecutionEnvironment(String id, String logStreamName, FunctionClassLoader loader, HandlerAdapter.Call call,
                                 long initMillis, Object handler) {
        this.id = id;
        this.logStreamName = logStreamName;
        this.loader = loader;
        this.call = call;
        this.initMillis = initMillis;
        this.handler = handler;
    }

    /**
     * Runs the init phase: a fresh class loader, the handler class's static initialisation, and its constructor
     * ({@code (Map<String,String>)} with the function's environment when it has one, else the no-arg one).
     *
     * @throws Throwable whatever init threw (unwrapped)
     */
    static ExecutionEnvironment init(String id, String logStreamName, CodeRoot codeRoot, ClassLoader parent, String emulatorPackage,
                                     String handlerClass, String handlerMethod, Map<String, String> environment) throws Throwable {
        long start = System.nanoTime();
        if (codeRoot == null) {
            throw new ClassNotFoundException(handlerClass + " is not on the classpath");
        }
        String handlerPackage = handlerClass.contains(".") ? handlerClass.substring(0, handlerClass.lastIndexOf('.')) : "";
        var loader = new FunctionClassLoader("env-" + id, codeRoot, parent, emulatorPackage, handlerPackage);
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(loader);
        try {
            Class<?> type = Class.forName(handlerClass, true, loader);
            Object handler = newHandler(type, environment);
            var call = HandlerAdapter.bind(handler, handlerMethod);
            return new ExecutionEnvironment(id, logStreamName, loader, call, (System.nanoTime() - start) / 1_000_000L, handler);
        } catch (ExceptionInInitializerError e) {
            throw e.getCause() != null ? e.getCause() : e;
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    private static Object newHandler(Class<?> type, Map<String, String> environment) throws Throwable {
        try {
            Constructor<?> withEnvironment = type.getConstructor(Map.class);
            return withEnvironment.newInstance(environment);
        } catch (NoSuchMethodException noMapConstructor) {
            try {
                return type.getConstructor().newInstance();
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
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
