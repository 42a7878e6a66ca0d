package dev.csvtest.local.code;

/**
 * Which of a function's classes each execution environment gets its own copy of. On Lambda every environment is a
 * JVM of its own, so every class and every static field is per environment; here that costs a class definition (and
 * interpreted warm-up) of every library class per environment, about ten times the CPU of a new environment that
 * shares them, and the memory of a copy of each library per environment.
 */
public enum Isolation {

    /**
     * The function's own classes per environment; its jars (the AWS SDK, frameworks) loaded once per function and
     * shared by its environments, so a library's static state (a cache, a "first call" flag) is per function.
     */
    FUNCTION,

    /** Everything per environment, as on Lambda: libraries' static state too, at the cost above. */
    ENVIRONMENT
}
