package dev.csvtest.local.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.csvtest.local.LocalStackOptions;
import dev.csvtest.local.code.Isolation;
import dev.csvtest.local.template.TemplateReader;
import picocli.CommandLine.Option;

/** The options {@code start-api} and {@code invoke} share, with {@code sam local}'s names. */
final class StackOptions {

    @Option(names = {"-t", "--template"}, paramLabel = "FILE",
            description = "The SAM template. Default: .aws-sam/build/template.yaml after sam build, else template.yaml.")
    Path template;

    @Option(names = "--parameter-overrides", arity = "1..*", paramLabel = "KEY=VALUE",
            description = "Template parameter values: Key=Value, or ParameterKey=Key,ParameterValue=Value.")
    List<String> parameterOverrides = new ArrayList<>();

    @Option(names = {"-n", "--env-vars"}, paramLabel = "FILE",
            description = "JSON of environment variable values: {\"Parameters\": {...}, \"<FunctionLogicalId>\": {...}}."
                    + " As in sam local, only variables the template declares are set.")
    Path envVars;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS_REGION for the functions. Default: $AWS_REGION, else $AWS_DEFAULT_REGION, else us-east-1.")
    String region;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "Use this S3 (LocalStack, MinIO, ...) for the template's buckets instead of the embedded one.")
    URI s3Endpoint;

    @Option(names = "--concurrency-limit", paramLabel = "N", defaultValue = "1000",
            description = "The account's concurrency quota (Lambda's default: ${DEFAULT-VALUE}).")
    int concurrencyLimit;

    @Option(names = "--isolation", paramLabel = "ENVIRONMENT|FUNCTION", defaultValue = "ENVIRONMENT",
            description = "ENVIRONMENT (default): each execution environment loads all of the function's classes, as on"
                    + " Lambda. FUNCTION: the function's jars are loaded once and shared by its environments: about ten"
                    + " times less CPU and memory per new environment (for thousands), but libraries' static state is"
                    + " shared and they cannot load the function's classes by name.")
    Isolation isolation;

    @Option(names = {"-d", "--debug-port"}, paramLabel = "PORT",
            description = "Run in a JVM with a debugger port (JDWP) that waits for a debugger to attach before it starts,"
                    + " as sam local -d does; breakpoints in handler code are hit in every execution environment.")
    Integer debugPort;

    @Option(names = "--debug-host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address the debugger port listens on (default: ${DEFAULT-VALUE}; '*' for every interface:"
                    + " whoever reaches a JDWP port can run any code in the stack).")
    String debugHost;

    /** Whether this command should run again in a child JVM with a debugger port (not when it is that child). */
    boolean relaunchForDebugger() {
        return debugPort != null && !DebugRelaunch.underDebugger();
    }

    LocalStackOptions.Builder builder() {
        var builder = LocalStackOptions.builder()
                .template(template)
                .parameterOverrides(TemplateReader.parseParameterOverrides(splitOverrides(parameterOverrides)))
                .envVars(envVars)
                .s3Endpoint(s3Endpoint)
                .concurrencyLimit(concurrencyLimit)
                .isolation(isolation);
        if (region != null) {
            builder.region(region);
        }
        return builder;
    }

    /** sam accepts the overrides as one quoted string of space-separated pairs, or as separate words. */
    private static List<String> splitOverrides(List<String> words) {
        var pairs = new ArrayList<String>();
        for (var word : words) {
            pairs.addAll(List.of(word.trim().split("\\s+(?=(ParameterKey=)?[A-Za-z0-9]+=)")));
        }
        pairs.removeIf(String::isBlank);
        return pairs;
    }
}
