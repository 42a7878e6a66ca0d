/**
 * The Lambda function's face: {@link dev.csvtest.function.CsvTestHandler} and its configuration,
 * {@link dev.csvtest.function.FunctionConfig}.
 *
 * <p>The machinery, by subpackage; each depends only on those listed before it (no cycles, checked by
 * {@code ArchitectureTest}):
 * <ul>
 *   <li>{@code json}: the one JSON writer in the zip (problem bodies, log lines, the seeder's answers);</li>
 *   <li>{@code time}: the invocation deadline;</li>
 *   <li>{@code config}: reading and validating environment variables;</li>
 *   <li>{@code delay}: parsing and validating the {@code delay} parameter;</li>
 *   <li>{@code s3.client}: the S3 settings from the environment and the one S3 client builder, shared with the
 *       seeder;</li>
 *   <li>{@code s3}: the bounded GetObject, its result with the S3 call, and the classification of S3 failures;</li>
 *   <li>{@code cache}: the per-environment copy of the object, when to revalidate it, and the load result;</li>
 *   <li>{@code http}: outcomes to HTTP responses (the one error mapping), problem+json, Lambda's size limit;</li>
 *   <li>{@code observe}: the one structured log line per request, built from the results, which is also its
 *       CloudWatch EMF metrics;</li>
 *   <li>{@code snapstart}: the CRaC priming hooks.</li>
 * </ul>
 *
 * <p>The seeder ({@code dev.csvtest.seeding}) may use {@code json}, {@code config} and {@code s3.client}; nothing
 * here depends on the seeder.
 */
package dev.csvtest.function;
