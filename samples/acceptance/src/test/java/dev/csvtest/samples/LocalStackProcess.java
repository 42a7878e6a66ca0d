package dev.csvtest.samples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The local stack as a user runs it: {@code java -jar local-stack.jar <args>} in a project folder, in its own
 * process. Collects its output; for {@code start-api}, waits for the ready line and knows the URL.
 */
final class LocalStackProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("local.stack.jar", "../../local-stack/target/local-stack.jar"))
            .toAbsolutePath().normalize();
    static final Path SAMPLES = Path.of(System.getProperty("samples.dir", "..")).toAbsolutePath().normalize();
    private static final Pattern READY = Pattern.compile("Local API ready: (http://\\S+)");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> url = new CompletableFuture<>();

    private LocalStackProcess(Path folder, List<String> args) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: build it with ./mvnw package (the local-stack module)");
        }
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(args);
        process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        Thread.ofPlatform().daemon().name("local-stack-output").start(this::read);
    }

    /** {@code start-api -p 0} in {@code sample}'s folder; returns once it serves. */
    static LocalStackProcess startApi(String sample, String... more) throws IOException {
        var args = new ArrayList<>(List.of("start-api", "-p", "0"));
        args.addAll(List.of(more));
        var stack = new LocalStackProcess(SAMPLES.resolve(sample), args);
        try {
            stack.url.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            stack.close();
            throw new IllegalStateException("the local stack did not get ready in " + sample + ":\n" + stack.output(), e);
        }
        return stack;
    }

    /** A command that ends by itself ({@code invoke ...}) in {@code sample}'s folder. */
    static Result run(String sample, Duration timeout, String... args) throws IOException, InterruptedException {
        try (var stack = new LocalStackProcess(SAMPLES.resolve(sample), List.of(args))) {
            if (!stack.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("local-stack " + String.join(" ", args) + " still runs after " + timeout
                        + ":\n" + stack.output());
            }
            stack.process.getInputStream().close();
            return new Result(stack.process.exitValue(), stack.output());
        }
    }

    record Result(int status, String output) {
    }

    private void read() {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                var ready = READY.matcher(line);
                if (ready.find()) {
                    url.complete(ready.group(1));
                }
            }
        } catch (IOException closed) {
            // the process ended
        }
        url.completeExceptionally(new IllegalStateException("exited without serving"));
    }

    String url() {
        return url.join();
    }

    String output() {
        return String.join("\n", lines);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        process.destroy();   // SIGTERM: the stack's shutdown hook closes it
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
