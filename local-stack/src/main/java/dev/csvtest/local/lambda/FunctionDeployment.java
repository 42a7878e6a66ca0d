package dev.csvtest.local.lambda;

import java.util.Map;

import dev.csvtest.local.code.FunctionCode;
import dev.csvtest.local.template.FunctionSpec;

/**
 * A function as the local Lambda service hosts it: its template settings, its loaded code, and the environment its
 * code sees through {@code System.getenv}.
 */
public record FunctionDeployment(FunctionSpec spec, FunctionCode code, Map<String, String> environment) {

    public FunctionDeployment {
        environment = Map.copyOf(environment);
    }
}
