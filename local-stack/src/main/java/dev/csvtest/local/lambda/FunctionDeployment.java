package dev.csvtest.local.lambda;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import dev.csvtest.local.code.CodeLocator;
import dev.csvtest.local.code.FunctionCode;
import dev.csvtest.local.code.Isolation;
import dev.csvtest.local.template.FunctionSpec;
import dev.csvtest.local.template.TemplateException;

/**
 * A function as the local Lambda service hosts it: its template settings, its loaded code, and the environment its
 * code sees through {@code System.getenv}. Hot reload deploys a new one for each build or template change.
 */
public record FunctionDeployment(FunctionSpec spec, FunctionCode code, Map<String, String> environment) {

    public FunctionDeployment {
        environment = Map.copyOf(environment);
    }

    /**
     * What a deployment is made from besides the function's spec: the same for every function of a stack.
     *
     * @param template   the template file (code URIs are relative to its folder)
     * @param s3Endpoint the S3 the stack provides, if any
     * @param log        where the function's sandbox reports what it did not apply
     */
    public record Settings(Path template, String region, Map<String, String> processEnv, Optional<URI> s3Endpoint,
                           Isolation isolation, Consumer<String> log) {

        public Settings {
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(region, "region");
            processEnv = Map.copyOf(processEnv);
            Objects.requireNonNull(s3Endpoint, "s3Endpoint");
            Objects.requireNonNull(isolation, "isolation");
            Objects.requireNonNull(log, "log");
        }
    }

    /**
     * Finds the function's code as it is on disk now, and opens it.
     *
     * @throws dev.csvtest.local.code.CodeNotFoundException when the code is not there (not built, or mid-build)
     */
    public static FunctionDeployment open(FunctionSpec spec, Settings settings) {
        var location = CodeLocator.locate(spec.logicalId(), spec.codeUri().orElse(null), spec.handlerClass(),
                settings.template());
        var environment = FunctionEnvironment.of(spec, location, settings.region(), settings.processEnv(),
                settings.s3Endpoint());
        var code = FunctionCode.open(spec.logicalId(), location, spec.handlerClass(), isolationOf(spec, settings), environment,
                line -> settings.log().accept(spec.logicalId() + ": " + line), spec.snapStart());
        return new FunctionDeployment(spec, code, environment);
    }

    /** The function's own {@code Metadata.LocalStack.Isolation}, else the stack's. */
    private static Isolation isolationOf(FunctionSpec spec, Settings settings) {
        return spec.isolation().map(value -> {
            try {
                return Isolation.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TemplateException(spec.logicalId() + ": Metadata.LocalStack.Isolation " + value
                        + " is not one of " + Arrays.toString(Isolation.values()));
            }
        }).orElse(settings.isolation());
    }
}
