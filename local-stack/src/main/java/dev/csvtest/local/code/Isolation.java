package dev.csvtest.local.code;

/**
 * Which of a function's classes each execution environment gets its own copy of.
 *
 * <p>On Lambda every environment is a JVM of its own: every class and every static field is per environment, and the
 * function's classes and its libraries share one class loader. That is the default here too, because frameworks
 * depend on it: a handler that lives in a library jar loads the application's classes by name (serverless-java-
 * container's {@code SpringDelegatingLambdaContainerHandler} and {@code MAIN_CLASS}), and Log4j 2 keeps one logging
 * context per class loader (Powertools sets the level in the library's, the handler reads its own). The price is a
 * definition (and interpreted warm-up) of every library class in every new environment, and its memory.
 */
public enum Isolation {

    /** Everything per environment, in one loader, as on Lambda. */
    ENVIRONMENT,

    /**
     * The function's own classes per environment; its jars (the AWS SDK, frameworks) loaded once per function and
     * shared by its environments. About ten times less CPU and memory per new environment, for thousands of them; but
     * a library's static state (a cache, a "first call" flag) is per function, and libraries cannot see the
     * function's classes (the two cases above break).
     */
    FUNCTION
}
