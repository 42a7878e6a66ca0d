package dev.csvtest.seeding;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

import software.amazon.lambda.powertools.cloudformation.AbstractCustomResourceHandler;
import software.amazon.lambda.powertools.cloudformation.Response;

/**
 * The {@code SeedObjects} custom resource: puts the bundled sample CSV and demo page into the data bucket during
 * {@code sam deploy}, and empties the bucket (every version and delete marker) during {@code sam delete}.
 *
 * <ul>
 *   <li><b>Create</b>: put the CSV at {@code ObjectKey} and the demo page at {@code index.html}.</li>
 *   <li><b>Update</b> (new key, or a new build artifact via {@code ArtifactVersion}): put both again; if the key
 *       changed within the same bucket, delete the old key. Between that delete and the function's switch to the
 *       new key, in-flight requests for the old key can see a 502: a key change is a rare operator action.</li>
 *   <li><b>Delete</b>: empty the bucket so that CloudFormation can delete it. A bucket that is already gone is fine.</li>
 * </ul>
 *
 * <p>The physical resource id is the bucket name. It stays the same across updates of the key, so CloudFormation
 * never sends a clean-up Delete (which empties the whole bucket) for a mere key change; only a new bucket changes it,
 * and then emptying the old bucket is exactly right.
 *
 * <p>Every failure is answered with FAILED and a reason, never left unanswered: the base class PUTs the response to
 * the pre-signed {@code ResponseURL}, and each S3 call is time-bounded ({@link SeedS3Client}).
 */
public final class SeedHandler extends AbstractCustomResourceHandler {

    private final BucketSeeder seeder;
    private final Supplier<SeedContent> content;

    /** Used by the Lambda runtime. */
    public SeedHandler() {
        this(System.getenv());
    }

    /** Takes the function's environment as a map, like the CSV handler (tests point it at a local S3 server). */
    public SeedHandler(Map<String, String> environment) {
        this(environment, SeedContent::bundled);
    }

    SeedHandler(Map<String, String> environment, Supplier<SeedContent> content) {
        this.seeder = new BucketSeeder(SeedS3Client.fromEnvironment(Objects.requireNonNull(environment, "environment")));
        this.content = Objects.requireNonNull(content, "content");
    }

    @Override
    protected Response create(CloudFormationCustomResourceEvent event, Context context) {
        return answer(event, context, () -> seed(event, context, SeedProperties.from(event.getResourceProperties())));
    }

    @Override
    protected Response update(CloudFormationCustomResourceEvent event, Context context) {
        return answer(event, context, () -> {
            var target = SeedProperties.from(event.getResourceProperties());
            var response = seed(event, context, target);
            var old = event.getOldResourceProperties() == null ? null : SeedProperties.from(event.getOldResourceProperties());
            if (old != null && old.bucket().equals(target.bucket()) && !old.objectKey().equals(target.objectKey())) {
                seeder.delete(old.bucket(), old.objectKey());
                log(context, "deleted the previous key s3://" + old.bucket() + "/" + old.objectKey());
            }
            return response;
        });
    }

    @Override
    protected Response delete(CloudFormationCustomResourceEvent event, Context context) {
        return answer(event, context, () -> {
            var properties = event.getResourceProperties();
            var bucket = properties == null ? null : properties.get("BucketName");
            if (bucket == null || bucket.toString().isBlank()) {
                // A Create that failed on its properties left nothing behind.
                log(context, "no BucketName: nothing to empty");
                return Response.success(event.getPhysicalResourceId());
            }
            var removed = seeder.empty(bucket.toString());
            log(context, "emptied s3://" + bucket + ": removed " + removed + " object versions and delete markers");
            return Response.success(event.getPhysicalResourceId());
        });
    }

    private Response seed(CloudFormationCustomResourceEvent event, Context context, SeedProperties target) {
        var etag = seeder.seed(target, content.get());
        log(context, event.getRequestType() + ": put s3://" + target.bucket() + "/" + target.objectKey()
                + " (ETag " + etag + ") and s3://" + target.bucket() + "/" + SeedProperties.DEMO_PAGE_KEY);
        return Response.builder()
                .status(Response.Status.SUCCESS)
                .physicalResourceId(target.bucket())
                .value(Map.of("ObjectKey", target.objectKey(), "DemoPageKey", SeedProperties.DEMO_PAGE_KEY, "ETag", etag))
                .build();
    }

    /** Runs one request; any exception becomes a FAILED response with a short reason, so the stack never waits. */
    private static Response answer(CloudFormationCustomResourceEvent event, Context context, Supplier<Response> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            var reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            context.getLogger().log(event.getRequestType() + " failed: " + reason, LogLevel.ERROR);
            return Response.builder()
                    .status(Response.Status.FAILED)
                    .physicalResourceId(physicalIdOnFailure(event, context))
                    .reason(truncate(reason))
                    .build();
        }
    }

    /** On a failed Create there is no id yet; a failed Update or Delete must keep the existing one. */
    private static String physicalIdOnFailure(CloudFormationCustomResourceEvent event, Context context) {
        if (event.getPhysicalResourceId() != null) {
            return event.getPhysicalResourceId();
        }
        var properties = event.getResourceProperties();
        var bucket = properties == null ? null : properties.get("BucketName");
        return bucket != null && !bucket.toString().isBlank() ? bucket.toString() : context.getLogStreamName();
    }

    /** CloudFormation caps the whole response at 4,096 bytes. */
    private static String truncate(String reason) {
        return reason.length() <= 1_000 ? reason : reason.substring(0, 1_000) + "...";
    }

    private static void log(Context context, String message) {
        context.getLogger().log(message, LogLevel.INFO);
    }
}
