package dev.csvtest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a bare-limit server: {@code BareServer [--impl jdk|socket] [--port P] [--backlog B] [--body FILE]}.
 * Prints {@code Bare server ready: http://127.0.0.1:<port> (<impl>)} once it accepts connections, then runs
 * until killed. By default the sleep route answers a 3-byte {@code ok} body; {@code --body FILE} makes it answer the
 * file's bytes as {@code text/csv} after the sleep (the same 300 KB CSV the function returns), so the cost of moving
 * that body per request is measured apart from the cost of the local stack. {@code PORT} in the environment sets the port when {@code --port} is absent; 0 picks a free one.
 */
public final class BareServer {

    /** Linux caps the accept queue at net.core.somaxconn; asking for more costs nothing. */
    public static final int DEFAULT_BACKLOG = 16_384;

    private BareServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        var impl = "socket";
        var port = System.getenv("PORT") == null ? 0 : Integer.parseInt(System.getenv("PORT"));
        var backlog = DEFAULT_BACKLOG;
        Path bodyFile = null;
        for (var i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--impl" -> impl = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--backlog" -> backlog = Integer.parseInt(args[++i]);
                case "--body" -> bodyFile = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: BareServer [--impl jdk|socket] [--port P] [--backlog B] [--body FILE]");
                    System.exit(2);
                }
            }
        }
        var body = bodyFile == null ? SleepRoute.Body.DEFAULT : SleepRoute.Body.csv(Files.readAllBytes(bodyFile));
        var server = start(impl, port, backlog, body);
        System.out.println("Bare server ready: http://127.0.0.1:" + server.port() + " (" + impl
                + (bodyFile == null ? "" : ", body " + bodyFile + ": " + body.bytes().length + " bytes " + body.contentType()) + ")");
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
    }

    public static SleepServer start(String impl, int port, int backlog) throws IOException {
        return start(impl, port, backlog, SleepRoute.Body.DEFAULT);
    }

    /** As {@link #start(String, int, int)}, answering {@code body} after the sleep. */
    public static SleepServer start(String impl, int port, int backlog, SleepRoute.Body body) throws IOException {
        return switch (impl) {
            case "jdk" -> JdkSleepServer.start(port, backlog, body);
            case "socket" -> SocketSleepServer.start(port, backlog, body);
            default -> throw new IllegalArgumentException("--impl must be jdk or socket, got " + impl);
        };
    }
}
