package dev.csvtest.bench;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a bare-limit server: {@code BareServer [--impl jdk|socket] [--port P] [--backlog B]}.
 * Prints {@code Bare server ready: http://127.0.0.1:<port> (<impl>)} once it accepts connections, then runs
 * until killed. {@code PORT} in the environment sets the port when {@code --port} is absent; 0 picks a free one.
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
        for (var i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--impl" -> impl = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--backlog" -> backlog = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: BareServer [--impl jdk|socket] [--port P] [--backlog B]");
                    System.exit(2);
                }
            }
        }
        var server = start(impl, port, backlog);
        System.out.println("Bare server ready: http://127.0.0.1:" + server.port() + " (" + impl + ")");
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
    }

    public static SleepServer start(String impl, int port, int backlog) throws IOException {
        return switch (impl) {
            case "jdk" -> JdkSleepServer.start(port, backlog);
            case "socket" -> SocketSleepServer.start(port, backlog);
            default -> throw new IllegalArgumentException("--impl must be jdk or socket, got " + impl);
        };
    }
}
