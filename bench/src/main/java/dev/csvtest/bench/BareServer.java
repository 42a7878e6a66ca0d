package dev.csvtest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Starts a bare-limit server and prints {@code Bare server ready: http://127.0.0.1:<port> (<impl>)} once it accepts
 * connections, then runs until killed. By default the sleep route answers a 3-byte {@code ok} body; {@code --body FILE}
 * makes it answer the file's bytes as {@code text/csv} after the sleep (the same 300 KB CSV the function returns),
 * so the cost of moving that body per request is measured apart from the cost of the local stack.
 */
@Command(name = "BareServer", mixinStandardHelpOptions = true, versionProvider = Commands.Version.class,
        sortOptions = false,
        description = "Serves GET /csv_test?delay=N (sleep N seconds, then answer) on 127.0.0.1 until killed: the "
                + "bare limit the local stack is compared with. Prints 'Bare server ready: http://127.0.0.1:<port> "
                + "(<impl>)' once it accepts connections.")
public final class BareServer implements Callable<Integer> {

    /** Linux caps the accept queue at net.core.somaxconn; asking for more costs nothing. */
    public static final int DEFAULT_BACKLOG = 16_384;

    /** {@code jdk}: the JDK's HttpServer; {@code socket}: a blocking ServerSocket, a virtual thread per connection. */
    public enum Impl { JDK, SOCKET }

    @Spec
    private CommandSpec spec;

    @Option(names = "--impl", paramLabel = "jdk|socket", defaultValue = "socket",
            description = "jdk: the JDK's HttpServer; socket: a ServerSocket with a virtual thread per connection "
                    + "(default: ${DEFAULT-VALUE}).")
    Impl impl;

    @Option(names = "--port", paramLabel = "P", defaultValue = "${env:PORT:-0}",
            description = "Port on 127.0.0.1; 0 picks a free one (default: $PORT, else 0).")
    int port;

    @Option(names = "--backlog", paramLabel = "B", defaultValue = "" + DEFAULT_BACKLOG,
            description = "Accept queue length (default: ${DEFAULT-VALUE}; the kernel caps it at net.core.somaxconn).")
    int backlog;

    @Option(names = "--body", paramLabel = "FILE",
            description = "Answer this file's bytes as text/csv instead of 'ok'.")
    Path bodyFile;

    public static void main(String[] args) {
        System.exit(Commands.execute(new BareServer(), args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Commands.require(spec, port >= 0 && port <= 65_535, "--port: must be in 0..65535, got " + port);
        Commands.require(spec, backlog >= 1, "--backlog: must be at least 1, got " + backlog);
        Commands.require(spec, bodyFile == null || Files.isReadable(bodyFile), "--body: cannot read " + bodyFile);
        var body = bodyFile == null ? SleepRoute.Body.DEFAULT : SleepRoute.Body.csv(Files.readAllBytes(bodyFile));
        var server = start(impl, port, backlog, body);
        var out = spec.commandLine().getOut();
        out.println("Bare server ready: http://127.0.0.1:" + server.port() + " (" + impl.name().toLowerCase(Locale.ROOT)
                + (bodyFile == null ? "" : ", body " + bodyFile + ": " + body.bytes().length + " bytes "
                        + body.contentType()) + ")");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Commands.runUntilKilled();
        return 0;
    }

    public static SleepServer start(Impl impl, int port, int backlog) throws IOException {
        return start(impl, port, backlog, SleepRoute.Body.DEFAULT);
    }

    /** As {@link #start(Impl, int, int)}, answering {@code body} after the sleep. */
    public static SleepServer start(Impl impl, int port, int backlog, SleepRoute.Body body) throws IOException {
        return switch (impl) {
            case JDK -> JdkSleepServer.start(port, backlog, body);
            case SOCKET -> SocketSleepServer.start(port, backlog, body);
        };
    }
}
