package dev.csvtest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void parse_minimal_usesDefaultsAndDelayFromUrl() throws Exception {
        var o = LoadOptions.parse(new String[] {"--url", "http://127.0.0.1:3000/csv_test?delay=10"});

        assertThat(o.requests()).isEqualTo(1);
        assertThat(o.delaySeconds()).isEqualTo(10.0);
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.suffix()).isFalse();
        assertThat(o.duration()).isNull();
        assertThat(o.client()).isEqualTo(LoadOptions.ClientKind.RAW);
        assertThat(o.warmup()).isEqualTo(200);
    }

    @Test
    void parse_allFlags_bothSpellings() throws Exception {
        var o = LoadOptions.parse(new String[] {"--url=https://x.example/csv_test?a=1&delay=0.25", "-n", "10_000",
                "--suffix", "--delay", "2", "--timeout=500ms", "--json", "out/r.json", "--max-ratio", "1.05",
                "--client", "jdk", "--label", "bare", "--no-progress", "--warmup", "0"});

        assertThat(o.requests()).isEqualTo(10_000);
        assertThat(o.delaySeconds()).as("--delay wins over the URL").isEqualTo(2.0);
        assertThat(o.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.json()).isEqualTo(Path.of("out/r.json"));
        assertThat(o.maxRatio()).isEqualTo(1.05);
        assertThat(o.client()).isEqualTo(LoadOptions.ClientKind.JDK);
        assertThat(o.label()).isEqualTo("bare");
        assertThat(o.progress()).isFalse();
        assertThat(o.warmup()).isZero();
    }

    @Test
    void parse_closedLoop_readsDurationAndConcurrency() throws Exception {
        var o = LoadOptions.parse(new String[] {"--url", "http://h/csv_test?delay=0", "--duration", "10s",
                "--concurrency", "32"});

        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.concurrency()).isEqualTo(32);
    }

    @Test
    void urlFor_suffix_appendsWithAmpersandOrQuestionMarkBeforeFragment() throws Exception {
        var withQuery = LoadOptions.parse(new String[] {"--url", "http://h/csv_test?delay=1", "--suffix"});
        var bare = LoadOptions.parse(new String[] {"--url", "http://h/csv_test#f", "--suffix"});
        var template = LoadOptions.parse(new String[] {"--url", "http://h/csv_test?delay=1&user={i}"});

        assertThat(withQuery.urlFor(7)).isEqualTo("http://h/csv_test?delay=1&tab=7");
        assertThat(bare.urlFor(0)).isEqualTo("http://h/csv_test?tab=0#f");
        assertThat(template.urlFor(3)).isEqualTo("http://h/csv_test?delay=1&user=3");
    }

    @Test
    void delayFromUrl_absentOrNotANumber_isNull() {
        assertThat(LoadOptions.delayFromUrl("http://h/csv_test")).isNull();
        assertThat(LoadOptions.delayFromUrl("http://h/csv_test?delay=abc")).isNull();
        assertThat(LoadOptions.delayFromUrl("http://h/csv_test?nodelay=3")).isNull();
        assertThat(LoadOptions.delayFromUrl("http://h/csv_test?x=1&delay=1.5&y=2")).isEqualTo(1.5);
    }

    @Test
    void parse_badFlags_failWithAMessageNamingTheFlag() {
        assertUsage(new String[] {}, "--url is required");
        assertUsage(new String[] {"--url", "ftp://h/x"}, "must start with http:// or https://");
        assertUsage(new String[] {"--url", "http://h/a b"}, "not a valid URL");
        assertUsage(new String[] {"--url", "http://h/?delay=1", "-n", "0"}, "-n: must be at least 1");
        assertUsage(new String[] {"--url", "http://h/?delay=1", "-n", "many"}, "-n: 'many' is not a whole number");
        assertUsage(new String[] {"--url", "http://h/?delay=1", "-n"}, "-n needs a value");
        assertUsage(new String[] {"--url", "http://h/?delay=1", "--timeout", "soon"}, "--timeout: 'soon' is not a duration");
        assertUsage(new String[] {"--url", "http://h/?delay=1", "--timeout", "0"}, "--timeout: must be greater than zero");
        assertUsage(new String[] {"--url", "http://h/?delay=1", "--delay", "-1"}, "--delay: must not be negative");
        assertUsage(new String[] {"--url", "http://h/?delay=1", "--max-ratio", "x"}, "--max-ratio: 'x' is not a number");
        assertUsage(new String[] {"--url", "http://h/", "--max-ratio", "1.5"}, "--max-ratio needs a delay > 0");
        assertUsage(new String[] {"--url", "http://h/?delay=1", "--frobnicate"}, "unknown option --frobnicate");
        assertUsage(new String[] {"http://h/?delay=1"}, "did you mean --url");
        assertUsage(new String[] {"--url", "http://h/?delay=1", "--client", "curl"}, "--client: 'curl' is not one of raw, jdk");
        assertUsage(new String[] {"--url", "http://h/?delay=1", "--suffix=yes"}, "--suffix takes no value");
        assertUsage(new String[] {"--url", "http://h/?delay=1", "--duration", "5s", "--max-ratio", "2"},
                "--max-ratio applies to burst mode");
    }

    @Test
    void duration_units() throws Exception {
        assertThat(LoadOptions.duration("--t", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(LoadOptions.duration("--t", "1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(LoadOptions.duration("--t", "2m")).isEqualTo(Duration.ofMinutes(2));
    }

    private static void assertUsage(String[] args, String message) {
        assertThatThrownBy(() -> LoadOptions.parse(args)).isInstanceOf(UsageException.class).hasMessageContaining(message);
    }
}
