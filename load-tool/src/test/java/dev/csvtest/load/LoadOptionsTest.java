package dev.csvtest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import picocli.CommandLine.TypeConversionException;

/** The picocli command: defaults, every option, and what a bad command line prints and exits with. */
class LoadOptionsTest {

    @Test
    void parse_minimal_usesDefaultsAndDelayFromUrl() {
        var o = LoadOptions.parse("--url", "http://127.0.0.1:3000/csv_test?delay=10");

        assertThat(o.url()).isEqualTo("http://127.0.0.1:3000/csv_test?delay=10");
        assertThat(o.requests()).isEqualTo(1);
        assertThat(o.suffix()).isFalse();
        assertThat(o.delaySeconds()).isEqualTo(10.0);
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.maxRatio()).isNull();
        assertThat(o.json()).isNull();
        assertThat(o.duration()).isNull();
        assertThat(o.concurrency()).isEqualTo(32);
        assertThat(o.client()).isEqualTo(LoadOptions.ClientKind.RAW);
        assertThat(o.label()).isNull();
        assertThat(o.warmup()).isEqualTo(200);
        assertThat(o.progress()).isTrue();
    }

    @Test
    void parse_allFlags_bothSpellings() {
        var o = LoadOptions.parse("--url=https://x.example/csv_test?a=1&delay=0.25", "-n", "10_000",
                "--suffix", "--delay", "2", "--timeout=500ms", "--json", "out/r.json", "--max-ratio", "1.05",
                "--client", "jdk", "--label", "bare", "--no-progress", "--warmup", "0");

        assertThat(o.requests()).isEqualTo(10_000);
        assertThat(o.suffix()).isTrue();
        assertThat(o.delaySeconds()).as("--delay wins over the URL").isEqualTo(2.0);
        assertThat(o.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.json()).isEqualTo(Path.of("out/r.json"));
        assertThat(o.maxRatio()).isEqualTo(1.05);
        assertThat(o.client()).isEqualTo(LoadOptions.ClientKind.JDK);
        assertThat(o.label()).isEqualTo("bare");
        assertThat(o.progress()).isFalse();
        assertThat(o.warmup()).isZero();
        assertThat(LoadOptions.parse("--url", "http://h/?delay=1", "--requests", "1,000").requests()).isEqualTo(1000);
    }

    @Test
    void parse_closedLoop_readsDurationAndConcurrency() {
        var o = LoadOptions.parse("--url", "http://h/csv_test?delay=0", "--duration", "10s", "--concurrency", "32");

        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.concurrency()).isEqualTo(32);
    }

    @Test
    void urlFor_suffix_appendsWithAmpersandOrQuestionMarkBeforeFragment() {
        var withQuery = LoadOptions.parse("--url", "http://h/csv_test?delay=1", "--suffix");
        var bare = LoadOptions.parse("--url", "http://h/csv_test#f", "--suffix");
        var template = LoadOptions.parse("--url", "http://h/csv_test?delay=1&user={i}");

        assertThat(withQuery.urlFor(7)).isEqualTo("http://h/csv_test?delay=1&tab=7");
        assertThat(bare.urlFor(0)).isEqualTo("http://h/csv_test?tab=0#f");
        assertThat(template.urlFor(3)).isEqualTo("http://h/csv_test?delay=1&user=3");
    }

    @Test
    void delayFromUrl_absentOrNotANumber_isNull() {
        assertThat(LoadCommand.delayFromUrl("http://h/csv_test")).isNull();
        assertThat(LoadCommand.delayFromUrl("http://h/csv_test?delay=abc")).isNull();
        assertThat(LoadCommand.delayFromUrl("http://h/csv_test?nodelay=3")).isNull();
        assertThat(LoadCommand.delayFromUrl("http://h/csv_test?x=1&delay=1.5&y=2")).isEqualTo(1.5);
    }

    /** Each bad command line exits 2 before any request, with "error: " and a message that names the option. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                                            | Missing required option: '--url=URL'",
        "--url ftp://h/x                               | option '--url': 'ftp://h/x' must start with http:// or https://",
        "--url http://h/a%b                            | option '--url': 'http://h/a%b' is not a valid URL",
        "--url http:///x                               | option '--url': 'http:///x' has no host",
        "--url http://h/?delay=1 -n 0                  | option '--requests': must be at least 1, got 0",
        "--url http://h/?delay=1 -n many               | option '--requests': 'many' is not a whole number",
        "--url http://h/?delay=1 -n                    | Missing required parameter for option '--requests'",
        "--url http://h/?delay=1 -n --suffix           | Expected parameter for option '--requests' but found '--suffix'",
        "--url http://h/?delay=1 --timeout soon        | option '--timeout': 'soon' is not a duration",
        "--url http://h/?delay=1 --timeout 0           | option '--timeout': must be greater than zero",
        "--url http://h/?delay=1 --duration 5x         | option '--duration': '5x' is not a duration",
        "--url http://h/?delay=1 --delay -1            | option '--delay': must not be negative",
        "--url http://h/?delay=1 --max-ratio x         | option '--max-ratio': 'x' is not a number",
        "--url http://h/?delay=1 --max-ratio 0         | option '--max-ratio': must be greater than zero",
        "--url http://h/?delay=1 --concurrency 0       | option '--concurrency': must be at least 1",
        "--url http://h/?delay=1 --warmup -1           | option '--warmup': must be at least 0",
        "--url http://h/?delay=1 --client curl         | option '--client': 'curl' is not one of raw, jdk",
        "--url http://h/ --max-ratio 1.5               | --max-ratio needs a delay > 0",
        "--url http://h/?delay=1 --duration 5s --max-ratio 2 | --max-ratio applies to burst mode, not to --duration",
        "--url http://h/?delay=1 --frobnicate          | Unknown option: '--frobnicate'",
        "--url http://h/?delay=1 --suffx               | (did you mean --suffix?)",
        "http://h/?delay=1                             | (did you mean --url http://h/?delay=1?)",
        "-n 2 http://h/?delay=1                        | (did you mean --url http://h/?delay=1?)",
    })
    void badCommandLine_exitsTwoWithAMessageNamingTheOptionAndTheUsage(String args, String message) {
        var run = ToolRun.of(args.isEmpty() ? new String[0] : args.split(" +"));

        assertThat(run.exit()).isEqualTo(LoadTool.USAGE);
        assertThat(run.err()).startsWith("error: ").contains(message)
                .contains("Usage: java -XX:TieredStopAtLevel=1 -jar load-tool.jar");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void help_listsEveryOptionWithItsDefault_andExitsZero() {
        var run = ToolRun.of("--help");

        assertThat(run.exit()).isEqualTo(LoadTool.OK);
        assertThat(run.out()).contains("--url=URL", "-n, --requests=N", "(default: 1)", "--suffix", "--delay=SECONDS",
                "--timeout=DURATION", "(default: 60s)", "--max-ratio=R", "--json=FILE", "--duration=DURATION",
                "--concurrency=C", "(default: 32)", "--client=raw|jdk", "--label=TEXT",
                "--warmup=N", "(default: 200", "--no-progress", "-h, --help", "-V, --version", "Exit status: 0");
        assertThat(run.err()).isEmpty();
        assertThat(ToolRun.of("-h").out()).isEqualTo(run.out());
    }

    @Test
    void version_namesTheToolAndExitsZero() {
        var run = ToolRun.of("--version");

        assertThat(run.exit()).isEqualTo(LoadTool.OK);
        assertThat(run.out()).startsWith("load-tool ").contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void duration_units() {
        assertThat(LoadCommand.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(LoadCommand.duration("1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(LoadCommand.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(LoadCommand.duration(" 10S ")).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> LoadCommand.duration("-1s")).isInstanceOf(TypeConversionException.class);
    }

}
