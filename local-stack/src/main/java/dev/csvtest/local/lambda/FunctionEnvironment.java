package dev.csvtest.local.lambda;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.csvtest.local.code.CodeLocation;
import dev.csvtest.local.template.FunctionSpec;

/**
 * What {@code System.getenv} returns inside a function: what Lambda sets in every execution environment, the
 * template's variables, {@code AWS_SAM_LOCAL=true} (as {@code sam local} sets it: Powertools, for one, then skips
 * X-Ray), and the user's own AWS credentials and configuration from the stack's environment, left as they are so that
 * a function calling real AWS services uses the user's profile. The rest of the stack's environment is not passed:
 * a Lambda function does not see its caller's shell.
 */
public final class FunctionEnvironment {

    /** The user's AWS identity and settings, passed through untouched. */
    private static final List<String> PASSED_THROUGH = List.of(
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_CONFIG_FILE",
            "AWS_SHARED_CREDENTIALS_FILE", "AWS_CA_BUNDLE", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME", "AWS_EC2_METADATA_DISABLED", "AWS_ENDPOINT_URL",
            "HOME", "PATH", "LANG", "USER");

    /** Keys the local stack gives when it provides the S3 endpoint and the user has no credentials at all. */
    static final String LOCAL_KEY = "local-stack";

    private FunctionEnvironment() {
    }

    /**
     * @param s3Endpoint the S3 the stack provides (its embedded one, or {@code --s3-endpoint}), if any
     */
    public static Map<String, String> of(FunctionSpec spec, CodeLocation code, String region, Map<String, String> processEnv,
                                         Optional<URI> s3Endpoint) {
        var env = new TreeMap<String, String>();
        for (String name : PASSED_THROUGH) {
            if (processEnv.get(name) != null) {
                env.put(name, processEnv.get(name));
            }
        }
        env.putAll(spec.environment());
        env.put("AWS_SAM_LOCAL", "true");
        // Lambda's reserved variables: a template cannot set these on AWS either.
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + spec.logicalId());
        // Lambda sets snap-start in environments restored from a SnapStart snapshot (Powertools reads it).
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", spec.snapStart() ? "snap-start" : "on-demand");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + spec.runtime());
        env.put("_HANDLER", spec.handler());
        env.put("LAMBDA_TASK_ROOT", code.code().getFirst().toString());
        env.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        env.put("TZ", ":UTC");
        s3Endpoint.ifPresent(endpoint -> {
            // The stack's own S3 wins over an empty declared value (a template may declare the variable "" so that
            // sam local's --env-vars can set it), never over a value the user gave.
            if (env.getOrDefault("AWS_ENDPOINT_URL_S3", "").isBlank()) {
                env.put("AWS_ENDPOINT_URL_S3", endpoint.toString());
            }
            if (!hasCredentials(processEnv)) {
                env.put("AWS_ACCESS_KEY_ID", LOCAL_KEY);
                env.put("AWS_SECRET_ACCESS_KEY", LOCAL_KEY);
            }
        });
        return Map.copyOf(env);
    }

    /**
     * Whether the SDK's default chain could find credentials of the user's: keys or a profile in the environment, a
     * credentials or config file, or a container or web-identity source. Only without any does the stack put its own
     * dummy keys in, for the S3 it provides.
     */
    public static boolean hasCredentials(Map<String, String> processEnv) {
        if (processEnv.get("AWS_ACCESS_KEY_ID") != null || processEnv.get("AWS_PROFILE") != null
                || processEnv.get("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null
                || processEnv.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != null
                || processEnv.get("AWS_WEB_IDENTITY_TOKEN_FILE") != null) {
            return true;
        }
        String home = processEnv.getOrDefault("HOME", System.getProperty("user.home"));
        Path credentials = Path.of(processEnv.getOrDefault("AWS_SHARED_CREDENTIALS_FILE", home + "/.aws/credentials"));
        Path config = Path.of(processEnv.getOrDefault("AWS_CONFIG_FILE", home + "/.aws/config"));
        return Files.isRegularFile(credentials) || Files.isRegularFile(config);
    }
}
