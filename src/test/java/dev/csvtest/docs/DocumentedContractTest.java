package dev.csvtest.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.csvtest.function.FunctionConfig;
import dev.csvtest.function.delay.ParsedDelay;
import dev.csvtest.function.http.Outcome;
import dev.csvtest.function.http.ResponseMapper;
import dev.csvtest.function.s3.CsvObject;
import dev.csvtest.function.s3.UpstreamFailure;

/**
 * The configuration and status tables in docs/architecture.md, and the status table in README.md, are part of the
 * contract: a reader acts on them. This test reads them and checks them against the code, so a change to either side that forgets the
 * other fails the build.
 */
class DocumentedContractTest {

    private static final Path README = Path.of("README.md");
    private static final Path ARCHITECTURE = Path.of("docs/architecture.md");
    /** Where the function reads its environment: its own settings, and the S3 settings it shares with the seeder. */
    private static final List<Path> CONFIG_SOURCES = List.of(
            Path.of("src/main/java/dev/csvtest/function/FunctionConfig.java"),
            Path.of("src/main/java/dev/csvtest/function/s3/client/S3Settings.java"));
    private static final Path TEMPLATE = Path.of("template.yaml");

    private static final Pattern VARIABLE = Pattern.compile("`([A-Z][A-Z0-9_]{2,})`");
    private static final Pattern ENV_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9_]{2,})\"");

    /** What a documented default means in the record; the required variables have none. */
    private static final Map<String, Function<FunctionConfig, Object>> DEFAULTS = Map.of(
            "CSV_KEY", FunctionConfig::key,
            "MAX_DELAY_SECONDS", c -> c.maxDelay().toSeconds(),
            "CACHE_REVALIDATE_SECONDS", c -> c.cacheRevalidateInterval().toSeconds(),
            "CACHE_MAX_BYTES", FunctionConfig::cacheMaxBytes,
            "S3_FORCE_PATH_STYLE", c -> c.s3().forcePathStyle());

    @Test
    void configurationTables_nameExactlyTheVariablesFunctionConfigReads() throws IOException {
        var read = variablesRead();

        var documented = new TreeSet<String>();
        for (var row : table(ARCHITECTURE, "## Configuration")) {
            VARIABLE.matcher(row.getFirst()).results().forEach(m -> documented.add(m.group(1)));
        }
        assertThat(documented).as("configuration table").isEqualTo(read);
    }

    @Test
    void configurationTables_defaultsMatchTheRecord() throws IOException {
        var defaults = FunctionConfig.fromEnvironment(Map.of("CSV_BUCKET", "b", "AWS_REGION", "us-east-1"));
        for (var row : table(ARCHITECTURE, "## Configuration")) {
            var name = VARIABLE.matcher(row.get(0)).results().findFirst().orElseThrow().group(1);
            var accessor = DEFAULTS.get(name);
            if (accessor != null) {
                assertThat(row.get(1).replace("`", "")).as("default of " + name)
                        .isEqualTo(String.valueOf(accessor.apply(defaults)));
            } else {
                assertThat(row.get(1)).as("default of " + name).matches("required.*|unset");
            }
        }
    }

    @Test
    void template_setsEveryFunctionVariable_exceptThoseLambdaOrTheSdkProvide() throws IOException {
        var template = Files.readString(TEMPLATE);
        var read = variablesRead();
        read.removeIf(name -> name.startsWith("AWS_"));
        // The local-S3 switch is set by the local stack; on AWS the default (virtual-hosted) is right.
        read.remove("S3_FORCE_PATH_STYLE");
        for (var name : read) {
            assertThat(template).as("template.yaml sets " + name).containsPattern("(?m)^\\s+" + name + ":");
        }
    }

    @Test
    void statusTable_listsEveryStatusAndProblemTypeTheMapperProduces() throws IOException {
        var produced = new TreeMap<Integer, Set<String>>();
        for (var redirect : List.of(Optional.<URI>empty(), Optional.of(URI.create("https://d111.cloudfront.net/sample.csv")))) {
            var mapper = new ResponseMapper(redirect);
            for (var outcome : everyOutcome()) {
                var mapped = mapper.map(outcome, "request-id");
                var types = produced.computeIfAbsent(mapped.status(), s -> new TreeSet<>());
                if (mapped.status() >= 400) {
                    types.add(mapped.problem());
                }
            }
        }

        var documented = new TreeMap<Integer, Set<String>>();
        for (var row : table(ARCHITECTURE, "## Status codes")) {
            var types = Pattern.compile("`([a-z-]+)`").matcher(row.get(1)).results()
                    .map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
            documented.put(Integer.parseInt(row.get(0).strip()), types);
        }
        assertThat(documented).isEqualTo(produced);

        var readmeStatuses = table(README, "## API").stream().map(r -> Integer.parseInt(r.get(0).strip()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(readmeStatuses).as("README status table").isEqualTo(produced.keySet());
    }

    /** Every variable name the configuration sources read, as a string literal. */
    private static TreeSet<String> variablesRead() throws IOException {
        var read = new TreeSet<String>();
        for (var source : CONFIG_SOURCES) {
            ENV_LITERAL.matcher(Files.readString(source)).results().forEach(m -> read.add(m.group(1)));
        }
        return read;
    }

    /** One instance of every case of the sealed outcome and failure types; a new case fails to compile here. */
    private static List<Outcome> everyOutcome() {
        var outcomes = new ArrayList<Outcome>();
        outcomes.add(new Outcome.Csv(new CsvObject("a,b\n", "\"etag\"", 4)));
        outcomes.add(new Outcome.InvalidDelay(new ParsedDelay.Rejected("bad", Duration.ZERO, Duration.ofSeconds(20))));
        outcomes.add(new Outcome.LargeObject(7_000_000));
        outcomes.add(new Outcome.DeadlineExceeded("late"));
        outcomes.add(new Outcome.Unexpected(new IllegalStateException("bug")));
        for (UpstreamFailure failure : List.<UpstreamFailure>of(
                new UpstreamFailure.Missing("NoSuchKey", "r", "d"),
                new UpstreamFailure.Denied("AccessDenied", "r", "d"),
                new UpstreamFailure.Throttled("SlowDown", "r", "d"),
                new UpstreamFailure.ServiceError(500, "InternalError", "r", "d"),
                new UpstreamFailure.Incomplete(10, 5, "d"),
                new UpstreamFailure.TimedOut("d"),
                new UpstreamFailure.Unreachable("d"),
                new UpstreamFailure.CredentialsUnavailable("d"),
                new UpstreamFailure.Unexpected(new IllegalStateException("bug"), "d"))) {
            // The switch makes the list exhaustive: adding a failure kind without listing it here does not compile.
            switch (failure) {
                case UpstreamFailure.Missing m -> { }
                case UpstreamFailure.Denied d -> { }
                case UpstreamFailure.Throttled t -> { }
                case UpstreamFailure.ServiceError e -> { }
                case UpstreamFailure.Incomplete i -> { }
                case UpstreamFailure.TimedOut t -> { }
                case UpstreamFailure.Unreachable u -> { }
                case UpstreamFailure.CredentialsUnavailable c -> { }
                case UpstreamFailure.Unexpected u -> { }
            }
            outcomes.add(new Outcome.Upstream(failure));
        }
        return outcomes;
    }

    /** The rows (cells stripped) of the first Markdown table after {@code heading}, header and rule excluded. */
    private static List<List<String>> table(Path doc, String heading) throws IOException {
        var lines = Files.readAllLines(doc);
        int i = lines.indexOf(heading);
        assertThat(i).as(heading + " in " + doc).isNotNegative();
        while (i < lines.size() && !lines.get(i).startsWith("|")) {
            i++;
        }
        var rows = new ArrayList<List<String>>();
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            var line = lines.get(i);
            var cells = List.of(line.substring(1, line.length() - 1).split("\\|", -1));
            rows.add(cells.stream().map(String::strip).toList());
        }
        assertThat(rows).as("table under " + heading + " in " + doc).isNotEmpty();
        return rows;
    }
}
