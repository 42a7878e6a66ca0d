package dev.csvtest.local.reload;

import static dev.csvtest.testkit.Leaks.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher's report comes once per build, after its last write, including builds that start with a clean. */
class FileWatcherTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private final List<Set<String>> reports = new CopyOnWriteArrayList<>();

    private FileWatcher watcher(Path classes) {
        var watcher = new FileWatcher(QUIET, reports::add, System.out::println);
        watcher.watch("fn", List.of(new WatchedPath(classes, WatchedPath.Kind.TREE)));
        return watcher;
    }

    @Test
    void aBuildWritingManyFiles_isReportedOnce_afterItsLastWrite() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("target/classes"));
        try (var ignored = watcher(classes)) {
            long start = System.nanoTime();
            for (int i = 0; i < 40; i++) {   // 40 files over ~400 ms, each write well within the quiet period
                Files.writeString(Files.createDirectories(classes.resolve("p" + i % 4)).resolve("C" + i + ".class"), "x");
                Thread.sleep(10);
            }
            long lastWrite = System.nanoTime();
            awaitReports(1);
            long reportedAfter = (System.nanoTime() - lastWrite) / 1_000_000L;
            Thread.sleep(QUIET.toMillis() * 3);
            assertThat(reports).containsExactly(Set.of("fn"));
            assertThat(reportedAfter).isGreaterThanOrEqualTo(QUIET.toMillis() - 50);
            System.out.println("40 writes in " + (lastWrite - start) / 1_000_000L + " ms: one report " + reportedAfter
                    + " ms after the last");
        }
    }

    @Test
    void aCleanBuild_deletingTheFolderAndCreatingItAgain_isFollowed() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("target/classes/p"));
        Files.writeString(classes.resolve("A.class"), "1");
        Path root = dir.resolve("target/classes");
        try (var ignored = watcher(root)) {
            deleteTree(dir.resolve("target"));
            awaitReports(1);
            Files.createDirectories(root.resolve("p/q"));
            Files.writeString(root.resolve("p/q/B.class"), "2");
            awaitReports(2);
            // The recreated folder is watched again, down to its new sub-folders.
            Files.writeString(root.resolve("p/q/B.class"), "3");
            awaitReports(3);
            // A file beside the watched folder is not its business.
            Files.writeString(dir.resolve("target/unrelated.txt"), "x");
            Thread.sleep(QUIET.toMillis() * 3);
            assertThat(reports).hasSize(3);
        }
    }

    private void awaitReports(int n) {
        awaitTrue(Duration.ofSeconds(20), () -> reports.size() >= n);
        assertThat(reports).hasSizeGreaterThanOrEqualTo(n);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (var path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
