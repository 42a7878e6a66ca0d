package dev.csvtest.seeding;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

import dev.csvtest.function.s3.client.S3ClientFactory;
import dev.csvtest.function.s3.client.S3Settings;
import dev.csvtest.function.s3.client.S3Timeouts;

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
 * <p>Every request is answered, with SUCCESS or with FAILED and a reason, and never left to CloudFormation's timeout:
 * each S3 call is time-bounded ({@link #TIMEOUTS}), every exception becomes FAILED, and the answer is PUT to the
 * pre-signed {@code ResponseURL} before the handler returns.
 *
 * <p>It reads the same S3 variables as the CSV handler ({@code AWS_REGION}, the endpoint override, path style, keys),
 * validated by the same {@link S3Settings}, and builds its client through the same {@link S3ClientFactory}: the
 * seeder depends on the function's shared building blocks, never the other way round.
 *
 * <p>Why not Powertools' {@code AbstractCustomResourceHandler}: it needs jackson-databind at run time (2.4 MB with
 * jackson-core and -annotations), which pushed the shared Lambda zip past its 10 MB budget; the protocol is one PUT
 * of a small JSON document ({@link CustomResourceResponse}, {@link ResponseUrlClient}).
 */
public final class SeedHandler implements RequestHandler<CloudFormationCustomResourceEvent, String>, AutoCloseable {

    /**
     * Bounds every S3 call, so the handler always answers CloudFormation well within the function's 120 s Timeout:
     * a few calls of at most 20 s each (an attempt at most 8 s), against a bucket that may be seconds old.
     */
    static final S3Timeouts TIMEOUTS = new S3Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(8), Duration.ofSeconds(8),
            Duration.ofSeconds(20));

    private final BucketSeeder seeder;
    private final Supplier<SeedContent> content;
    private final ResponseUrlClient responses;

    /** Used by the Lambda runtime. */
    public SeedHandler() {
        this(System.getenv());
    }

    /** Takes the function's environment as a map, like the CSV handler (tests point it at a local S3 server). */
    public SeedHandler(Map<String, String> environment) {
        this(environment, SeedContent::bundled);
    }

    SeedHandler(Map<String, String> environment, Supplier<SeedContent> content) {
        this.seeder = new BucketSeeder(S3ClientFactory.create(
                S3Settings.fromEnvironment(Objects.requireNonNull(environment, "environment")), TIMEOUTS));
        this.content = Objects.requireNonNull(content, "content");
        this.responses = new ResponseUrlClient(Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    /** Handles one request and PUTs the answer to its ResponseURL; returns the status it reported. */
    @Override
    public String handleRequest(CloudFormationCustomResourceEvent event, Context context) {
        var response = answer(event, context);
        try {
            responses.put(event.getResponseUrl(), response.toJson(event));
        } catch (IOException | RuntimeException e) {
            // Nothing else can reach CloudFormation; the stack operation ends at ServiceTimeout.
            context.getLogger().log("could not send " + response.status() + " to the response URL: " + e, LogLevel.ERROR);
            throw new IllegalStateException("could not send the custom resource response", e);
        }
        log(context, event.getRequestType() + " " + response.status()
                + (response.reason() == null ? "" : ": " + response.reason()));
        return response.status().name();
    }

    private CustomResourceResponse answer(CloudFormationCustomResourceEvent event, Context context) {
        try {
            return switch (String.valueOf(event.getRequestType())) {
                case "Create" -> seed(context, SeedProperties.from(event.getResourceProperties()));
                case "Update" -> update(event, context);
                case "Delete" -> delete(event, context);
                default -> throw new IllegalArgumentException("unknown RequestType " + event.getRequestType());
            };
        } catch (RuntimeException e) {
            var reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            context.getLogger().log(event.getRequestType() + " failed: " + reason, LogLevel.ERROR);
            return CustomResourceResponse.failed(physicalIdOnFailure(event, context), reason);
        }
    }

    private CustomResourceResponse update(CloudFormationCustomResourceEvent event, Context context) {
        var target = SeedProperties.from(event.getResourceProperties());
        var response = seed(context, target);
        var oldProperties = event.getOldResourceProperties();
        var old = oldProperties == null ? null : SeedProperties.from(oldProperties);
        if (old != null && old.bucket().equals(target.bucket()) && !old.objectKey().equals(target.objectKey())) {
            seeder.delete(old.bucket(), old.objectKey());
            log(context, "deleted the previous key s3://" + old.bucket() + "/" + old.objectKey());
        }
        return response;
    }

    private CustomResourceResponse delete(CloudFormationCustomResourceEvent event, Context context) {
        var bucket = bucketName(event);
        if (bucket == null) {
            // A Create that failed on its properties left nothing behind.
            log(context, "no BucketName: nothing to empty");
        } else {
            var removed = seeder.empty(bucket);
            log(context, "emptied s3://" + bucket + ": removed " + removed + " object versions and delete markers");
        }
        return CustomResourceResponse.success(event.getPhysicalResourceId(), Map.of());
    }

    private CustomResourceResponse seed(Context context, SeedProperties target) {
        var etag = seeder.seed(target, content.get());
        log(context, "put s3://" + target.bucket() + "/" + target.objectKey() + " (ETag " + etag + ") and s3://"
                + target.bucket() + "/" + SeedProperties.DEMO_PAGE_KEY);
        return CustomResourceResponse.success(target.bucket(),
                Map.of("ObjectKey", target.objectKey(), "DemoPageKey", SeedProperties.DEMO_PAGE_KEY, "ETag", etag));
    }

    /** A failed Update or Delete keeps the existing id; a failed Create has none yet, so name the bucket. */
    private static String physicalIdOnFailure(CloudFormationCustomResourceEvent event, Context context) {
        if (event.getPhysicalResourceId() != null) {
            return event.getPhysicalResourceId();
        }
        var bucket = bucketName(event);
        return bucket != null ? bucket : context.getLogStreamName();
    }

    private static String bucketName(CloudFormationCustomResourceEvent event) {
        var properties = event.getResourceProperties();
        var bucket = properties == null ? null : properties.get("BucketName");
        return bucket == null || bucket.toString().isBlank() ? null : bucket.toString();
    }

    private static void log(Context context, String message) {
        context.getLogger().log(message, LogLevel.INFO);
    }

    /**
     * Lambda never calls this: the environment just ends. A host that runs many environments in one JVM (the local
     * stack) calls it when it retires one, so the S3 client's threads and connections go with it.
     */
    @Override
    public void close() {
        seeder.close();
    }
}
