package dev.csvtest.local.template;

/**
 * Where the local stack pretends to be deployed: its stack name and region in the stand-in account, and the ARNs that
 * follow from them.
 */
public record StackIdentity(String name, String region) {

    /** The account every local ARN names. */
    public static final String ACCOUNT_ID = "123456789012";

    /** {@code AWS::StackId}. */
    public String stackId() {
        return "arn:aws:cloudformation:" + region + ":" + ACCOUNT_ID + ":stack/" + name + "/local";
    }

    /** The ARN of the Lambda function with this physical name. */
    public String functionArn(String functionName) {
        return "arn:aws:lambda:" + region + ":" + ACCOUNT_ID + ":function:" + functionName;
    }
}
