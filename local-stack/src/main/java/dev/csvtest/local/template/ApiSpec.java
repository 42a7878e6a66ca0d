package dev.csvtest.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One API Gateway API that routes reach: an {@code AWS::Serverless::Api} (a REST API), an
 * {@code AWS::Serverless::HttpApi} (an HTTP API), or the implicit API SAM creates for events that name none
 * ({@code ServerlessRestApi}, stage {@code Prod}; {@code ServerlessHttpApi}, stage {@code $default}).
 *
 * @param logicalId        the template's logical id (or the implicit API's)
 * @param kind             REST or HTTP API
 * @param stageName        the stage events report ({@code requestContext.stage})
 * @param stageVariables   a REST API's {@code Variables} (HTTP API stage variables are not read)
 * @param cors             the API's CORS configuration, if any
 * @param binaryMediaTypes a REST API's {@code BinaryMediaTypes} (as {@code image/png}, not SAM's {@code image~1png})
 */
public record ApiSpec(String logicalId, Kind kind, String stageName, Map<String, String> stageVariables,
                      Optional<CorsConfig> cors, List<String> binaryMediaTypes) {

    public enum Kind { REST, HTTP }

    public static final String IMPLICIT_REST_API = "ServerlessRestApi";
    public static final String IMPLICIT_HTTP_API = "ServerlessHttpApi";

    public ApiSpec {
        stageVariables = Map.copyOf(stageVariables);
        binaryMediaTypes = List.copyOf(binaryMediaTypes);
    }

    /** The implicit HTTP API without any Globals: what an {@code HttpApi} event without {@code ApiId} reaches. */
    public static ApiSpec implicitHttpApi() {
        return new ApiSpec(IMPLICIT_HTTP_API, Kind.HTTP, "$default", Map.of(), Optional.empty(), List.of());
    }

    public boolean rest() {
        return kind == Kind.REST;
    }
}
