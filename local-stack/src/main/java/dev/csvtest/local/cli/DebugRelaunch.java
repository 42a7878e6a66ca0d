package dev.csvtest.local.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code -d/--debug-port N}: the command runs again in a child JVM started with JDWP listening on the port and
 * suspended until a debugger attaches, as {@code sam local -d} starts its container. A running JVM cannot add JDWP to
 * itself, hence the child: the same java, class path and JVM options, the same arguments without {@code -d}, stdin,
 * stdout and stderr shared, a stop of this process passed on to it, and its exit status returned. The whole stack
 * then runs in that one JVM, so a breakpoint in a handler is hit in every execution environment, on every request,
 * without attaching again.
 */
final class DebugRelaunch {

    private static final List<String> DEBUG_OPTIONS = List.of("-d", "--debug-port", "--debug-host");

    private DebugRelaunch() {
    }

    /** Whether this JVM already runs with a JDWP agent (the child, or a user who started it under a debugger). */
    static boolean underDebugger() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-agentlib:jdwp") || a.startsWith("-Xrunjdwp"));
    }

    /**
     * Runs the command line in a child JVM waiting for a debugger on {@code host:port}, and returns its exit status.
     *
     * @param originalArgs the arguments this process was started with
     */
    static int run(List<String> originalArgs, String host, int port, PrintWriter err) throws InterruptedException {
        var command = command(originalArgs, host, port);
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start the child JVM for debugging: " + e.getMessage(), e);
        }
        String where = (host.equals("*") ? "localhost" : host) + ":" + port;
        err.println("Debugging: the local stack runs in JVM " + child.pid() + ", which waits for a debugger on " + where
                + " (JDWP) before it starts. IntelliJ IDEA: a 'Remote JVM Debug' run configuration, attach to " + where
                + ". VS Code: launch.json {\"type\": \"java\", \"request\": \"attach\", \"hostName\": \""
                + (host.equals("*") ? "localhost" : host) + "\", \"port\": " + port + "}.");
        err.flush();
        // Ctrl-C reaches both JVMs (one process group); a kill of this one only reaches this one: pass it on.
        var stopChild = new Thread(() -> stop(child), "stop-debug-child");
        Runtime.getRuntime().addShutdownHook(stopChild);
        int status = child.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stopChild);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
        return status;
    }

    private static void stop(Process child) {
        child.destroy();
        try {
            if (!child.waitFor(15, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The child's command line: this JVM's java and options plus JDWP, the same main class and arguments minus -d. */
    static List<String> command(List<String> originalArgs, String host, int port) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib:jdwp") && !a.startsWith("-Xrunjdwp") && !a.equals("-Xdebug"))
                .forEach(command::add);
        command.add("-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=" + host + ":" + port);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LocalStackCommand.class.getName());
        command.addAll(withoutDebugOptions(originalArgs));
        return command;
    }

    /** The arguments without {@code -d N}, {@code -dN}, {@code --debug-port[=]N} and {@code --debug-host[=]H}. */
    static List<String> withoutDebugOptions(List<String> args) {
        var kept = new ArrayList<String>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (DEBUG_OPTIONS.contains(arg)) {
                i++;   // and its value
            } else if (!(arg.startsWith("--debug-port=") || arg.startsWith("--debug-host=")
                    || arg.startsWith("-d") && arg.length() > 2 && Character.isDigit(arg.charAt(2)))) {
                kept.add(arg);
            }
        }
        return kept;
    }
}
