package dev.csvtest.local.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.api.client.api.LambdaContext;

/**
 * Lambda's {@code Context} for one invocation. It is the java21 runtime's own class (from
 * aws-lambda-java-runtime-interface-client, which sam local's image runs too), so every getter answers as on Lambda:
 * the log group {@code /aws/lambda/<name>}, version {@code $LATEST}, no identity or client context, and a remaining
 * time that counts down to the function's deadline. Only the logger is ours: the function's, where the runtime's would
 * be one process-wide stdout.
 */
final class LocalContext extends LambdaContext {

    private final LambdaLogger logger;

    LocalContext(String awsRequestId, String functionName, String invokedFunctionArn, String logStreamName,
                 int memoryLimitInMB, long deadlineEpochMillis, LambdaLogger logger) {
        super(memoryLimitInMB, deadlineEpochMillis, awsRequestId, "/aws/lambda/" + functionName, logStreamName,
                functionName, null, "$LATEST", invokedFunctionArn, null, null, null);
        this.logger = logger;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
