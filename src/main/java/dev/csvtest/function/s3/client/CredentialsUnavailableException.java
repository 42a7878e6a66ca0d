package dev.csvtest.function.s3.client;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The SDK's default credentials chain found no credentials (or could not load them): a deployment error, told apart
 * from network and S3 failures by its type instead of by the SDK's wording.
 *
 * <p>An {@link SdkClientException}, as the chain's own failure is, so the SDK and its callers treat it the same way.
 */
public final class CredentialsUnavailableException extends SdkClientException {

    private static final long serialVersionUID = 1L;

    private CredentialsUnavailableException(Builder builder) {
        super(builder);
    }

    static CredentialsUnavailableException wrapping(SdkClientException chainFailure) {
        return new CredentialsUnavailableException(SdkClientException.builder()
                .message("no AWS credentials (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give the function a role"
                        + " the SDK's default chain finds): " + chainFailure.getMessage())
                .cause(chainFailure));
    }
}
