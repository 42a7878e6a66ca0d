/**
 * What a CRaC JVM gives {@code org.crac}, for functions with SnapStart: the package that {@code org.crac.Core} binds to
 * when the system property {@code org.crac.Core.Compat} names it, as Lambda's Java runtime starts the JVM with
 * {@code -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac}. Without it {@code org.crac} 1.5.0 finds neither
 * {@code javax.crac} nor {@code jdk.crac} and its {@code register} does nothing, so no hook could ever run.
 *
 * <p>The names ({@code Core}, {@code Context}, {@code Resource}, {@code CheckpointException},
 * {@code RestoreException}) and shapes are what {@code org.crac.Core$Compat} looks up by reflection. Like the sandbox,
 * these classes are defined afresh in each function's class loader from the local stack's class files, and may use
 * JDK classes only.
 */
package dev.csvtest.local.code.crac;
