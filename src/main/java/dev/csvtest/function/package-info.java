/**
 * The Lambda function: {@link dev.csvtest.function.CsvTestHandler} and its configuration,
 * {@link dev.csvtest.function.FunctionConfig}.
 *
 * <p>The machinery, by subpackage:
 * <ul>
 *   <li>{@code delay}: parsing and validating the {@code delay} parameter;</li>
 *   <li>{@code s3}: the S3 client, the bounded GetObject, and the classification of S3 failures;</li>
 *   <li>{@code cache}: the per-environment copy of the object and when to revalidate it;</li>
 *   <li>{@code http}: outcomes to HTTP responses (the one error mapping), problem+json, Lambda's size limit;</li>
 *   <li>{@code observe}: the one structured log line per request, which is also its CloudWatch EMF metrics;</li>
 *   <li>{@code snapstart}: the CRaC priming hooks;</li>
 *   <li>{@code time}: the invocation deadline.</li>
 * </ul>
 */
package dev.csvtest.function;
