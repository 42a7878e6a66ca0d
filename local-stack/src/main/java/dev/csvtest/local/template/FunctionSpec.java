package dev.csvtest.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * @param handler              {@code Handler} as written ({@code pkg.Class} or {@code pkg.Class::method})
 * @param codeUri              {@code CodeUri} as written (relative to the template's folder), if set
 * @param snapStart            {@code SnapStart: {ApplyOn: PublishedVersions}}
 * @param isolation            {@code Metadata: {LocalStack: {Isolation: ...}}}: the project's choice for this
 *                             function, over the command line's
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
        List<RouteSpec> routes,
        String handler,
        Optional<String> codeUri,
        boolean snapStart,
        Optional<String> isolation) {

    public FunctionSpec {
        environment = Map.copyOf(environment);
        routes = List.copyOf(routes);
    }
}
