package dev.csvtest.local.template;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One {@code AWS::Serverless::Function}, with Globals applied and every intrinsic resolved.
 *
 * @param logicalId            the template's logical id ({@code CsvTestFunction})
 * @param functionName         the function name Lambda would show (from {@code FunctionName}, else derived)
 * @param handlerClass         the class part of {@code Handler}
 * @param handlerMethod        the method part of {@code Handler} ({@code handleRequest} when omitted)
 * @param runtime              e.g. {@code java21}
 * @param timeoutSeconds       {@code Timeout} (Lambda's default 3 s)
 * @param memoryMb             {@code MemorySize} (Lambda's default 128 MB)
 * @param reservedConcurrency  {@code ReservedConcurrentExecutions}, if set
 * @param environment          resolved {@code Environment.Variables} (variables that could not be resolved are absent)
 * @param routes               its {@code HttpApi} events
 */
public record FunctionSpec(
        String logicalId,
        String functionName,
        String handlerClass,
        String handlerMethod,
        String runtime,
        int timeoutSeconds,
        int memoryMb,
        OptionalInt reservedConcurrency,
        Map<String, String> environment,
        List<RouteSpec> routes) {

    public FunctionSpec {
        environment = Map.copyOf(environment);
        routes = List.copyOf(routes);
    }
}
