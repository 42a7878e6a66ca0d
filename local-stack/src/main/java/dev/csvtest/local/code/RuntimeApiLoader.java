package dev.csvtest.local.code;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every function's class loaders: what Lambda's Java runtime gives a function besides its own code.
 * That is the JDK, and Lambda's runtime interfaces ({@code com.amazonaws.services.lambda.runtime.Context},
 * {@code RequestHandler}, {@code LambdaLogger}, ..., from aws-lambda-java-core, and Lambda's serialization library),
 * which come from the runtime, so that a function's own copy (a shaded jar often has one) cannot make
 * {@code handler instanceof RequestHandler} false. Event classes ({@code ...runtime.events}) are the function's.
 * Nothing else of the local stack (its Jackson, SnakeYAML, S3 server) is visible.
 */
final class RuntimeApiLoader extends ClassLoader {

    static final String RUNTIME_API = "com.amazonaws.services.lambda.runtime.";
    private static final String EVENTS = "com.amazonaws.services.lambda.runtime.events.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader runtime;

    RuntimeApiLoader(ClassLoader runtime) {
        super("lambda-runtime", ClassLoader.getPlatformClassLoader());
        this.runtime = runtime;
    }

    /** Whether a class (or resource path, with dots) belongs to the runtime rather than to the function. */
    static boolean isRuntimeApi(String className) {
        return className.startsWith(RUNTIME_API) && !className.startsWith(EVENTS);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (isRuntimeApi(name)) {
            return runtime.loadClass(name);
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        return isRuntimeApi(name.replace('/', '.')) ? runtime.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return isRuntimeApi(name.replace('/', '.')) ? runtime.getResources(name) : Collections.emptyEnumeration();
    }
}
