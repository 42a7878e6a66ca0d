package dev.csvtest.bench;

import java.time.Duration;
import java.util.concurrent.Callable;

import dev.csvtest.s3.EmbeddedS3;
import dev.csvtest.testkit.FaultyS3Proxy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * An embedded S3 seeded with sample.csv behind the test kit's {@link FaultyS3Proxy} in latency mode: the "S3 with
 * 0.5 s latency" of the overlap benchmark, for a local stack pointed at an external S3.
 */
@Command(name = "SlowS3", mixinStandardHelpOptions = true, versionProvider = Commands.Version.class,
        description = "Serves an S3 bucket " + HandlerProbe.BUCKET + " holding " + HandlerProbe.KEY + " on 127.0.0.1, "
                + "each request delayed by --latency-ms, until killed. Prints 'Slow S3 ready: http://127.0.0.1:<port> "
                + "bucket=" + HandlerProbe.BUCKET + " key=" + HandlerProbe.KEY + " latency=<L>ms' once it accepts "
                + "connections.")
public final class SlowS3 implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--latency-ms", paramLabel = "L", defaultValue = "500",
            description = "Added before each request reaches S3, in milliseconds (default: ${DEFAULT-VALUE}).")
    long latencyMs;

    public static void main(String[] args) {
        System.exit(Commands.execute(new SlowS3(), args));
    }

    @Override
    public Integer call() throws Exception {
        Commands.require(spec, latencyMs >= 0, "--latency-ms: must not be negative, got " + latencyMs);
        var s3 = HandlerProbe.seededS3();
        var proxy = FaultyS3Proxy.start(s3.port()).latency(Duration.ofMillis(latencyMs));
        var out = spec.commandLine().getOut();
        out.println("Slow S3 ready: " + proxy.endpoint() + " bucket=" + HandlerProbe.BUCKET + " key=" + HandlerProbe.KEY
                + " latency=" + latencyMs + "ms");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            s3.close();
        }));
        Commands.runUntilKilled();
        return 0;
    }
}
