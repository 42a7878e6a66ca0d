package dev.csvtest.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;

/**
 * The load tool: fires N concurrent GETs (each on its own connection, as separate browsers would) and reports
 * wall time against the requested delay. {@code ./mvnw -q -Pload -Dload.args="--url '...?delay=10' -n 2"}.
 * See {@link LoadOptions#USAGE} for the flags.
 */
public final class LoadTool {

    /** Exit status: every request succeeded and the ratio held. */
    public static final int OK = 0;
    /** Exit status: a request failed, or wall/delay exceeded {@code --max-ratio}. */
    public static final int FAILED = 1;
    /** Exit status: bad command line or an I/O error writing results. */
    public static final int USAGE = 2;

    private LoadTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the tool and returns its exit status; never calls {@code System.exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (UsageException e) {
            if (e.getMessage().equals("help")) {
                out.println(LoadOptions.USAGE);
                return OK;
            }
            err.println("error: " + e.getMessage());
            err.println(LoadOptions.USAGE);
            return USAGE;
        }
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
