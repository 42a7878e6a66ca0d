package dev.csvtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bench mains' command lines: defaults, every option the scripts use, and bad values (exit 2, option named). */
class BenchCommandsTest {

    @Test
    void bareServer_defaultsAndEveryOption() {
        var defaults = new BareServer();
        Commands.commandLine(defaults).parseArgs();
        var all = new BareServer();
        Commands.commandLine(all).parseArgs("--impl", "jdk", "--port", "8080", "--backlog", "128", "--body", "x.csv");

        assertThat(defaults.impl).isEqualTo(BareServer.Impl.SOCKET);
        assertThat(defaults.port).as("$PORT when set, else 0").isEqualTo(portFromEnvironment());
        assertThat(defaults.backlog).isEqualTo(BareServer.DEFAULT_BACKLOG);
        assertThat(defaults.bodyFile).isNull();
        assertThat(all.impl).isEqualTo(BareServer.Impl.JDK);
        assertThat(all.port).isEqualTo(8080);
        assertThat(all.backlog).isEqualTo(128);
        assertThat(all.bodyFile).isEqualTo(Path.of("x.csv"));
    }

    @Test
    void slowS3_defaultsAndLatency() {
        var defaults = new SlowS3();
        Commands.commandLine(defaults).parseArgs();
        var set = new SlowS3();
        Commands.commandLine(set).parseArgs("--latency-ms", "250");

        assertThat(defaults.latencyMs).isEqualTo(500);
        assertThat(set.latencyMs).isEqualTo(250);
    }

    @Test
    void handlerProbe_defaultsAndEveryOption() {
        var defaults = new HandlerProbe();
        Commands.commandLine(defaults).parseArgs();
        var all = new HandlerProbe();
        Commands.commandLine(all).parseArgs("--handler", "a.B", "--delay", "0.5", "--s3-latency-ms", "500",
                "--invocations", "6");

        assertThat(defaults.handlerClass).isEqualTo(HandlerProbe.DEFAULT_HANDLER);
        assertThat(defaults.delay).isEqualTo("0");
        assertThat(defaults.latencyMs).isZero();
        assertThat(defaults.invocations).isEqualTo(1);
        assertThat(all.handlerClass).isEqualTo("a.B");
        assertThat(all.delay).isEqualTo("0.5");
        assertThat(all.latencyMs).isEqualTo(500);
        assertThat(all.invocations).isEqualTo(6);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "BareServer   | --impl nginx          | Invalid value for option '--impl': expected one of [JDK, SOCKET]",
        "BareServer   | --port x              | Invalid value for option '--port': 'x' is not an int",
        "BareServer   | --port 70000          | --port: must be in 0..65535, got 70000",
        "BareServer   | --backlog 0           | --backlog: must be at least 1, got 0",
        "BareServer   | --body /no/such.csv   | --body: cannot read /no/such.csv",
        "BareServer   | --frobnicate          | Unknown option: '--frobnicate'",
        "SlowS3       | --latency-ms -1       | --latency-ms: must not be negative, got -1",
        "SlowS3       | --latency-ms          | Missing required parameter for option '--latency-ms'",
        "HandlerProbe | --delay soon          | --delay: 'soon' is not a number of seconds",
        "HandlerProbe | --s3-latency-ms -5    | --s3-latency-ms: must not be negative, got -5",
        "HandlerProbe | --invocations 0       | --invocations: must be at least 1, got 0",
        "HandlerProbe | --invocations many    | Invalid value for option '--invocations': 'many' is not an int",
    })
    void badCommandLine_exitsTwoNamingTheOption(String main, String args, String message) {
        var err = new StringWriter();
        var cli = Commands.commandLine(switch (main) {
            case "BareServer" -> new BareServer();
            case "SlowS3" -> new SlowS3();
            default -> new HandlerProbe();
        });
        cli.setErr(new PrintWriter(err, true));

        var exit = cli.execute(args.split(" "));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(message).contains("Usage: " + main);
    }

    @Test
    void help_exitsZeroAndListsTheOptions() {
        var out = new StringWriter();
        var cli = Commands.commandLine(new BareServer());
        cli.setOut(new PrintWriter(out, true));

        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("--impl=jdk|socket", "--port=P", "--backlog=B", "--body=FILE");
    }

    @Test
    void handlerProbe_runsThroughItsCommandLine_andPrintsOneJsonLine() {
        var out = new StringWriter();
        var cli = Commands.commandLine(new HandlerProbe());
        cli.setOut(new PrintWriter(out, true));

        var exit = cli.execute("--handler", HandlerProbeTest.SequentialHandler.class.getName(), "--delay", "0",
                "--invocations", "2");

        assertThat(exit).isZero();
        assertThat(out.toString().lines()).singleElement().asString()
                .startsWith("{\"handler\": ").contains("\"s3LatencyMs\": 0", "\"statuses\": [200, 200]");
    }

    private static int portFromEnvironment() {
        var port = System.getenv("PORT");
        return port == null ? 0 : Integer.parseInt(port);
    }
}
