package dev.csvtest.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.csvtest.function.FreshJvm;
import dev.csvtest.function.LambdaZip;
import dev.csvtest.s3.EmbeddedS3;

/**
 * Cold start of one or more builds of the function, for docs/client-choice.md: each run is a fresh JVM with exactly a
 * build's zip classpath and {@code -XX:TieredStopAtLevel=1} ({@link FreshJvm}), constructing the handler and serving
 * one {@code delay=0} request (the first S3 GET and the first log line included). S3 is the embedded server in this
 * JVM, so none of its classes warm the measured ones. Builds are run interleaved, so a load change hits them alike.
 *
 * <p>Usage: {@code MeasureColdStart <runs> <name>=<target folder> ...}. Prints the zip size and, per build, the median
 * and minimum of the constructor, the first invocation and the whole process.
 */
public final class MeasureColdStart {

    private MeasureColdStart() {
    }

    public static void main(String[] args) throws IOException {
        int runs = Integer.parseInt(args[0]);
        var builds = new LinkedHashMap<String, Path>();
        for (int i = 1; i < args.length; i++) {
            var parts = args[i].split("=", 2);
            builds.put(parts[0], Path.of(parts[1]).toAbsolutePath());
        }
        var scratch = Files.createTempDirectory("cold-start");
        var csv = Files.readAllBytes(builds.values().iterator().next().resolve("classes/sample.csv"));
        var timings = new LinkedHashMap<String, Map<String, List<Long>>>();
        System.out.printf(Locale.ROOT, "cold start, %d runs per build, interleaved, %d cores, Java %s, load average %s%n",
                runs, Runtime.getRuntime().availableProcessors(), Runtime.version(), loadAverage());
        try (var s3 = EmbeddedS3.start().put("csv-test-bucket", "sample.csv", csv, "text/csv")) {
            var environment = Map.of("HOME", scratch.toString(), "CSV_BUCKET", "csv-test-bucket", "CSV_KEY", "sample.csv",
                    "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_S3", s3.endpoint().toString(), "S3_FORCE_PATH_STYLE", "true",
                    "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local");
            for (var build : builds.entrySet()) { // one unmeasured run each: the page cache, not the JVM, is warmed
                check(new FreshJvm(build.getValue(), scratch).invoke(environment));
            }
            for (int run = 0; run < runs; run++) {
                for (var build : builds.entrySet()) {
                    var result = check(new FreshJvm(build.getValue(), scratch).invoke(environment));
                    var times = timings.computeIfAbsent(build.getKey(), k -> new LinkedHashMap<>());
                    times.computeIfAbsent("constructor", k -> new ArrayList<>()).add(Long.parseLong(result.value("constructMs").orElseThrow()));
                    times.computeIfAbsent("first invocation", k -> new ArrayList<>()).add(Long.parseLong(result.value("firstInvokeMs").orElseThrow()));
                    times.computeIfAbsent("process", k -> new ArrayList<>()).add(result.processMillis());
                }
            }
        }
        for (var build : builds.entrySet()) {
            System.out.printf(Locale.ROOT, "%n%s: zip %,d bytes%n", build.getKey(), new LambdaZip(build.getValue()).bytes());
            timings.get(build.getKey()).forEach((what, values) -> System.out.printf(Locale.ROOT,
                    "  %-17s median %5d ms, min %5d ms, all %s%n", what, median(values), Collections.min(values), values));
        }
        System.out.printf(Locale.ROOT, "%nload average at end %s%n", loadAverage());
        System.exit(0);
    }

    private static FreshJvm.Run check(FreshJvm.Run run) {
        if (run.exitCode() != 0 || !run.value("status").orElse("").equals("200")) {
            throw new IllegalStateException("a run failed: " + run);
        }
        return run;
    }

    private static long median(List<Long> values) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
