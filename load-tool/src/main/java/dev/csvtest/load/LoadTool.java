package dev.csvtest.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;

import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The load tool: fires N concurrent GETs (each on its own connection, as separate browsers would) and reports
 * wall time against the requested delay. {@code java -XX:TieredStopAtLevel=1 -jar load-tool/target/load-tool.jar
 * --url 'http://127.0.0.1:3000/csv_test?delay=10' -n 2}; {@code --help} lists the options ({@link LoadCommand}).
 */
public final class LoadTool {

    /** Exit status: every request succeeded and the ratio held (also after --help and --version). */
    public static final int OK = 0;
    /** Exit status: a request failed, wall/delay exceeded {@code --max-ratio}, or the warm-up failed. */
    public static final int FAILED = 1;
    /** Exit status: bad command line, or the {@code --json} file could not be written. */
    public static final int USAGE = 2;

    private LoadTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the tool and returns its exit status; never calls {@code System.exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        var command = new LoadCommand();
        var cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        try {
            if (CommandLine.printHelpIfRequested(cli.parseArgs(args))) {
                return OK;
            }
            command.check(cli);
        } catch (ParameterException e) {
            err.println("error: " + e.getMessage() + hint(e, args));
            cli.usage(err);
            return USAGE;
        }
        return run(command.options(), out, err);
    }

    /** "(did you mean --url X?)" for a URL given without --url, or picocli's suggestion for a misspelt option. */
    private static String hint(ParameterException e, String[] args) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            return " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
        }
        if (e instanceof UnmatchedArgumentException || e instanceof MissingParameterException) {
            for (var i = 0; i < args.length; i++) {
                var url = args[i].startsWith("http://") || args[i].startsWith("https://");
                if (url && (i == 0 || !args[i - 1].equals("--url"))) {
                    return " (did you mean --url " + args[i] + "?)";
                }
            }
        }
        return "";
    }

    private static int run(LoadOptions options, PrintStream out, PrintStream err) {
        RunResult result;
        var total = options.duration() == null ? options.requests() : 0;
        try (HttpGetter getter = options.client() == LoadOptions.ClientKind.JDK
                ? new JdkHttpGetter(options.timeout()) : new RawHttpGetter(options.timeout());
             var progress = new Progress(err, total, options.progress())) {
            if (options.warmup() > 0) {
                Warmup.run(getter, options.warmup(), 8);
            }
            result = new LoadRunner(options, getter, progress).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return FAILED;
        } catch (IOException e) {
            err.println("error: warm-up failed: " + e.getMessage());
            return FAILED;
        }
        out.print(Report.text(result));
        out.flush();
        if (options.json() != null) {
            try {
                var parent = options.json().toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(options.json(), JsonReport.json(result));
            } catch (IOException e) {
                err.println("error: cannot write " + options.json() + ": " + e.getMessage());
                return USAGE;
            }
        }
        return result.passed() ? OK : FAILED;
    }
}
