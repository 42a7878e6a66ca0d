package dev.csvtest.local;

import static dev.csvtest.testkit.Leaks.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.csvtest.testkit.HttpProbe;

/**
 * Hot reload over real HTTP: a sample function is rebuilt (compiled straight into its watched classes folder, as an
 * IDE does) while requests are in flight, the template is edited, and fifty builds later nothing of the old code is
 * left in the JVM.
 */
class HotReloadTest {

    private static final Duration RELOAD_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final TimedLog log = new TimedLog();

    private LocalStack start(ReloadSample sample) {
        return LocalStack.start(RunningStack.options(sample.template, log).reload(true).build());
    }

    private record Sent(long nanos, CompletableFuture<HttpProbe.Reply> reply) {
    }

    @Test
    void aBuildDuringTraffic_inFlightRequestsFinishOnTheOldCode_requestsAfterTheReloadGetTheNew_noneFails()
            throws Exception {
        var sample = new ReloadSample(dir);
        sample.build("v1");
        try (var stack = start(sample); var http = new HttpProbe(stack.url())) {
            assertThat(http.get("/hello").text()).isEqualTo("v1 hello");
            var function = stack.function("Greeter");
            // 20 slow requests, each in an environment of the old code (8 s: longer than any build here takes).
            var inFlight = IntStream.range(0, 20).mapToObj(i -> http.getAsync("/hello?ms=8000")).toList();
            awaitTrue(Duration.ofSeconds(30), () -> function.pool().inUse() == 20);
            assertThat(function.pool().inUse()).as("requests in flight").isEqualTo(20);

            var traffic = new CopyOnWriteArrayList<Sent>();
            var stop = new AtomicBoolean();
            var more = Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    traffic.add(new Sent(System.nanoTime(), http.getAsync("/hello?ms=50")));
                    sleep(25);
                }
            });
            sample.build("v2");
            long reloaded = log.await("reloaded Greeter", 1, RELOAD_WAIT).nanos();
            sleep(1000);
            stop.set(true);
            more.join();

            for (var reply : inFlight) {
                assertThat(reply.join().status()).isEqualTo(200);
                assertThat(reply.join().text()).as("in flight when the build came").isEqualTo("v1 hello");
            }
            assertThat(log.containing("reloaded Greeter").getFirst().text()).matches("reloaded Greeter \\(1 class changed\\) in \\d+ ms");
            int after = 0;
            for (var sent : traffic) {
                var reply = sent.reply().join();
                assertThat(reply.status()).as(reply.text()).isEqualTo(200);
                if (sent.nanos() > reloaded) {
                    assertThat(reply.text()).as("sent after the reload").isEqualTo("v2 hello");
                    after++;
                }
            }
            assertThat(after).as("requests sent after the reload").isGreaterThan(10);
            System.out.println("hot reload under traffic: 20 in flight kept v1, " + traffic.size() + " more sent, " + after
                    + " after the reload all v2, 0 failed");
        }
    }

    @Test
    void fiftyBuilds_leaveNoClassLoaderBehind_loadedClassesAndHeapBackToTheirLevel() throws Exception {
        var sample = new ReloadSample(dir);
        sample.build("a");
        Path buildA = dir.resolve("build-a");
        Path buildB = dir.resolve("build-b");
        sample.build("a", buildA);
        sample.build("b", buildB);
        var classLoading = ManagementFactory.getClassLoadingMXBean();
        var memory = ManagementFactory.getMemoryMXBean();
        try (var stack = start(sample); var http = new HttpProbe(stack.url())) {
            var function = stack.function("Greeter");
            var retired = new ArrayList<WeakReference<ClassLoader>>();
            long baselineClasses = 0;
            long baselineHeap = 0;
            int warmUp = 3;
            int builds = 50;
            long start = System.nanoTime();
            for (int i = 1; i <= warmUp + builds; i++) {
                if (i == warmUp + 1) {
                    fullGc();
                    baselineClasses = classLoading.getLoadedClassCount();
                    baselineHeap = memory.getHeapMemoryUsage().getUsed();
                    retired.clear();
                }
                String version = i % 2 == 1 ? "b" : "a";
                retired.addAll(function.code().loaders());
                sample.install(version.equals("a") ? buildA : buildB);
                log.await("reloaded Greeter", i, RELOAD_WAIT);
                // Three at once: three environments (class loaders) on each generation.
                var replies = IntStream.range(0, 3).mapToObj(n -> http.getAsync("/hello?ms=100")).toList();
                for (var reply : replies) {
                    assertThat(reply.join().text()).isEqualTo(version + " hello");
                }
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (retired.stream().anyMatch(r -> r.get() != null) && System.nanoTime() < deadline) {
                fullGc();
            }
            long classes = classLoading.getLoadedClassCount();
            long heap = memory.getHeapMemoryUsage().getUsed();
            System.out.printf("%d builds in %d s: loaded classes %d -> %d (%d unloaded in all), heap after GC %.1f -> %.1f MB;"
                            + " %d class loaders of retired generations, %d still reachable%n", builds, seconds,
                    baselineClasses, classes, classLoading.getUnloadedClassCount(), baselineHeap / 1e6, heap / 1e6,
                    retired.size(), retired.stream().filter(r -> r.get() != null).count());
            assertThat(retired).hasSizeGreaterThanOrEqualTo(builds * 2);
            assertThat(retired).allSatisfy(ref -> assertThat(ref.get()).as("a retired generation's class loader").isNull());
            // Each generation defines ~10 classes (three environments' Greeter and Reply, its sandbox, lambdas): a
            // leak of 50 generations would be ~500; the slack is for the JDK's own lazily loaded classes.
            assertThat(classes).isLessThan(baselineClasses + 100);
            assertThat(heap).isLessThan(baselineHeap + 32_000_000L);
        }
    }

    @Test
    void anEditedTemplate_reloadsFunctionSettings_andSaysWhatNeedsARestart() throws Exception {
        var sample = new ReloadSample(dir);
        sample.build("v1");
        try (var stack = start(sample); var http = new HttpProbe(stack.url())) {
            assertThat(http.get("/hello").text()).isEqualTo("v1 hello");
            String template = Files.readString(sample.template);
            Files.writeString(sample.template, template.replace("GREETING: hello", "GREETING: bonjour"));
            assertThat(log.await("reloaded Greeter", 1, RELOAD_WAIT).text())
                    .matches("reloaded Greeter \\(Environment changed, 0 classes changed\\) in \\d+ ms");
            assertThat(http.get("/hello").text()).isEqualTo("v1 bonjour");

            Files.writeString(sample.template, template.replace("GREETING: hello", "GREETING: bonjour")
                    .replace("Path: /hello", "Path: /hi"));
            assertThat(log.await("only a restart applies", 1, RELOAD_WAIT).text())
                    .contains("Greeter routes [GET /hello] -> [GET /hi]");
            assertThat(http.get("/hello").text()).isEqualTo("v1 bonjour");
            assertThat(log.containing("reloaded Greeter")).hasSize(1);
        }
    }

    private static void fullGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            sleep(100);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
