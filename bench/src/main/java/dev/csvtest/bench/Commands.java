package dev.csvtest.bench;

import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What the bench mains share: each is one picocli command ({@code --help} lists its options) run by
 * {@link #execute}, which returns 0 when the command ended normally, 1 when it failed, 2 for a bad command line
 * (the message names the option).
 */
final class Commands {

    private Commands() {
    }

    /** Runs {@code command} on {@code args}. */
    static int execute(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    /** The command line for {@code command}: enum values are accepted in any case ({@code --impl jdk}). */
    static CommandLine commandLine(Object command) {
        return new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** A check that picocli's types cannot express; fails as a bad command line (exit 2) with {@code message}. */
    static void require(CommandSpec spec, boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /** {@code --version}: the jar's Implementation-Version, or "development build" when run from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            var version = Commands.class.getPackage().getImplementationVersion();
            return new String[] {"csv-test bench " + (version == null ? "(development build)" : version)};
        }
    }

    /** For the servers, which run until the JVM is stopped (their shutdown hooks close them). */
    static void runUntilKilled() throws InterruptedException {
        new CountDownLatch(1).await();
    }
}
