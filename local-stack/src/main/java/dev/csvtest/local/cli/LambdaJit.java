package dev.csvtest.local.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.List;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The JIT as Lambda's {@code java21} runtime sets it: tiered compilation stops at level 1 (C1, no profiling, no C2)
 * unless the function's {@code JAVA_TOOL_OPTIONS} says otherwise. Here every execution environment defines its own
 * copy of the function's classes, so C2 would compile each hot method again for every environment, on the two cores
 * the environments share; measured with this project's function, C2 cost more CPU than it saved, cold and warm (see
 * docs/performance.md).
 *
 * <p>A JVM cannot change {@code TieredStopAtLevel} once started, so this adds a compiler directive instead (the
 * {@code Compiler.directives_add} diagnostic command, in process): C2 excluded for every method. HotSpot still compiles
 * a hot method at level 3 (with profiling) first and moves it to level 1 only when its C2 compile is refused, so the
 * directive gets part of the way; {@code java -XX:TieredStopAtLevel=1 -jar local-stack.jar} gets all of it, and is
 * what {@code ./mvnw -Plocal} and the project's scripts run (docs/local-stack.md has both measured). A JVM started with
 * its own JIT options ({@code -XX:TieredStopAtLevel}, {@code TieredCompilation} or a directives file, on the command
 * line or in {@code JAVA_TOOL_OPTIONS}) is left as it is.
 */
final class LambdaJit {

    private static final List<String> OWN_CHOICE = List.of(
            "-XX:TieredStopAtLevel", "-XX:+TieredCompilation", "-XX:-TieredCompilation", "-XX:CompilerDirectivesFile");
    private static final String C1_ONLY = "[{ match: \"*.*\", c2: { Exclude: true } }]";

    private LambdaJit() {
    }

    /** Applies Lambda's level-1 default unless the JVM's options chose. */
    static void apply() {
        if (ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> OWN_CHOICE.stream().anyMatch(a::startsWith))) {
            return;
        }
        try {
            var directives = Files.createTempFile("local-stack-jit", ".json");
            try {
                Files.writeString(directives, C1_ONLY);
                ManagementFactory.getPlatformMBeanServer().invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                        new Object[] {new String[] {directives.toString()}}, new String[] {String[].class.getName()});
            } finally {
                Files.deleteIfExists(directives);
            }
        } catch (IOException | JMException | RuntimeException notHotSpot) {
            // Not HotSpot, or no management: the JVM's default JIT, which only costs speed.
        }
    }
}
