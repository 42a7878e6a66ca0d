package dev.csvtest.function.config;

import java.util.Objects;

/**
 * A function environment variable is missing or holds a bad value.
 *
 * <p>Thrown from a handler's constructor (the CSV handler's or the seeder's), so Lambda reports an init error whose
 * message names the variable: a misconfigured deploy fails on its first invocation instead of serving wrong answers.
 */
public final class InvalidConfigurationException extends IllegalArgumentException {

    private final String variable;

    public InvalidConfigurationException(String variable, String problem) {
        super(Objects.requireNonNull(variable, "variable") + " " + Objects.requireNonNull(problem, "problem"));
        this.variable = variable;
    }

    /** The name of the offending environment variable. */
    public String variable() {
        return variable;
    }
}
