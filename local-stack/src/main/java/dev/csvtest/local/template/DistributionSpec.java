package dev.csvtest.local.template;

import java.util.Optional;

/**
 * A CloudFront distribution whose origin is one of the template's buckets. There is no local CloudFront: the local
 * stack serves that bucket's objects on the API's port, for paths no route takes, so that a page the template puts in
 * the bucket can call the API from the same origin.
 *
 * @param logicalId         the distribution's logical id
 * @param bucket            the local name of the origin bucket
 * @param defaultRootObject what {@code /} serves ({@code DefaultRootObject}), if set
 */
public record DistributionSpec(String logicalId, String bucket, Optional<String> defaultRootObject) {
}
