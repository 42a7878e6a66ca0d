package dev.csvtest.local.cli;

import java.io.PrintWriter;

import dev.csvtest.local.code.CodeNotFoundException;
import dev.csvtest.local.template.TemplateException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code java -jar local-stack.jar start-api | invoke | generate-event}, with {@code sam local}'s
 * verbs and flag names. Exit status: 0 success, 1 the function failed, 2 bad usage or a template/code problem.
 */
@Command(name = "local-stack", mixinStandardHelpOptions = true, versionProvider = LocalStackCommand.Version.class,
        description = "A Docker-free 'sam local' for Java SAM apps: run it in the folder of your template.yaml.",
        subcommands = {StartApiCommand.class, InvokeCommand.class, GenerateEventCommand.class})
public final class LocalStackCommand {

    public static final int FUNCTION_FAILED = 1;
    public static final int USAGE = 2;

    private LocalStackCommand() {
    }

    public static void main(String[] args) {
        // start-api returns only when the stack has stopped (Ctrl-C, SIGTERM).
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; returns its exit status. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        var line = new CommandLine(LocalStackCommand.class)
                .setOut(out)
                .setErr(err)
                .setExitCodeExceptionMapper(e -> e instanceof TemplateException || e instanceof CodeNotFoundException
                        || e instanceof IllegalArgumentException ? USAGE : FUNCTION_FAILED)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof TemplateException || e instanceof CodeNotFoundException
                            || e instanceof IllegalArgumentException) {
                        cmd.getErr().println("error: " + e.getMessage());
                    } else {
                        e.printStackTrace(cmd.getErr());
                    }
                    return cmd.getExitCodeExceptionMapper().getExitCode(e);
                });
        line.getCommandSpec().usageMessage().exitCodeListHeading("Exit status:%n")
                .exitCodeList(java.util.Map.of("0", "success", "1", "the function failed", "2",
                        "bad usage, or the template or code cannot be served"));
        return line.execute(args.length == 0 ? new String[] {"--help"} : args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            var pkg = LocalStackCommand.class.getPackage();
            String version = pkg == null || pkg.getImplementationVersion() == null ? "development" : pkg.getImplementationVersion();
            return new String[] {"local-stack " + version + " on Java " + Runtime.version()};
        }
    }
}
