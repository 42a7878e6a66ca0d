package dev.csvtest.local.reload;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.csvtest.local.io.Closing;

/**
 * Watches named groups of paths ({@link WatchedPath}) with the file system's {@link WatchService} (inotify on Linux),
 * and reports which groups changed once their files have been quiet for a while: a build writes many files, and the
 * report should come once, after the last.
 *
 * <p>A watch service watches folders, one level each, and only folders that exist: trees are registered folder by
 * folder (new sub-folders as they appear, their files counted as changed), and a path that does not exist (yet, or any
 * more: {@code mvn clean} deletes {@code target/}) is watched through its nearest existing ancestor until it appears.
 *
 * <p>One thread does everything, including the report's callback, so reports never overlap; events that arrive
 * during a callback make the next report.
 */
public final class FileWatcher implements AutoCloseable {

    private final WatchService service;
    private final Duration quietPeriod;
    private final Consumer<Set<String>> onSettled;
    private final Consumer<String> log;
    private final Map<String, List<WatchedPath>> groups = new ConcurrentHashMap<>();
    private final Map<WatchKey, Path> folders = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param quietPeriod how long the changed files must stay untouched before they are reported
     * @param onSettled   called with the names of the groups that changed (on the watcher's thread)
     * @param log         where failures to watch go
     */
    public FileWatcher(Duration quietPeriod, Consumer<Set<String>> onSettled, Consumer<String> log) {
        try {
            this.service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch files", e);
        }
        this.quietPeriod = quietPeriod;
        this.onSettled = onSettled;
        this.log = log;
        this.thread = Thread.ofPlatform().name("hot-reload").daemon().start(this::run);
    }

    /** Watches (or now watches these instead) the paths of one group. */
    public void watch(String group, List<WatchedPath> paths) {
        groups.put(group, List.copyOf(paths));
        paths.forEach(this::register);
    }

    /** How many folders the watch service watches now. */
    public int folders() {
        return folders.size();
    }

    private void run() {
        var pending = new HashSet<String>();
        long lastChange = 0;
        while (!closed) {
            WatchKey key;
            try {
                if (pending.isEmpty()) {
                    key = service.take();
                } else {
                    long wait = quietPeriod.toNanos() - (System.nanoTime() - lastChange);
                    key = wait <= 0 ? null : service.poll(wait, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            if (key == null) {
                settle(Set.copyOf(pending));
                pending.clear();
                continue;
            }
            try {
                if (handle(key, pending)) {
                    lastChange = System.nanoTime();
                }
            } catch (RuntimeException e) {
                // Whatever one event does wrong, the watcher must keep watching: report every group as changed.
                log.accept("hot reload: " + e);
                pending.addAll(groups.keySet());
                lastChange = System.nanoTime();
            }
        }
    }

    /** Adds the groups this key's events concern to {@code pending}; true if there was any. */
    private boolean handle(WatchKey key, Set<String> pending) {
        Path folder = folders.get(key);
        boolean resync = false;
        boolean relevant = false;
        for (var event : key.pollEvents()) {
            if (event.kind() == OVERFLOW || folder == null) {
                pending.addAll(groups.keySet());
                resync = relevant = true;
                continue;
            }
            Path changed = folder.resolve((Path) event.context());
            for (var group : groups.entrySet()) {
                for (var watched : group.getValue()) {
                    if (watched.concerns(changed)) {
                        pending.add(group.getKey());
                        relevant = true;
                        // One of the watched path's folders appeared or vanished: register again from there.
                        resync |= watched.path().startsWith(changed);
                        if (event.kind() == ENTRY_CREATE && watched.kind() == WatchedPath.Kind.TREE
                                && Files.isDirectory(changed)) {
                            registerTree(changed);
                        }
                    }
                }
            }
        }
        if (!key.reset()) {
            folders.remove(key);
            resync = true;
        }
        if (resync) {
            groups.values().forEach(paths -> paths.forEach(this::register));
        }
        return relevant;
    }

    /** Reports a settled change; a failure is logged, and never ends the watcher's thread (only the JVM's own do). */
    private void settle(Set<String> changed) {
        try {
            onSettled.accept(changed);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            log.accept("hot reload failed: " + e);
        }
    }

    /**
     * Registers the path's folder (the whole tree for a tree), or its nearest existing ancestor if it has none yet. A
     * folder can vanish between the check and the registration ({@code mvn clean} deletes bottom-up while we re-register
     * from its events): then the next ancestor up is watched instead, so that something always watches the path.
     */
    private void register(WatchedPath watched) {
        Path folder = watched.folder();
        if (Files.isDirectory(folder)
                && (watched.kind() == WatchedPath.Kind.TREE ? registerTree(folder) : registerFolder(folder))) {
            return;
        }
        for (Path ancestor = folder.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
            if (Files.isDirectory(ancestor) && registerFolder(ancestor)) {
                return;
            }
        }
    }

    /** Registers every folder of a tree; false if its root could not be (it is being deleted). */
    private boolean registerTree(Path root) {
        if (!registerFolder(root)) {
            return false;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            tree.filter(f -> !f.equals(root) && Files.isDirectory(f)).forEach(this::registerFolder);
        } catch (IOException | UncheckedIOException e) {
            // the tree is being deleted or rewritten: its next event registers it again
        }
        return true;
    }

    /** Registers one folder; false if it is gone (deleted meanwhile). */
    private boolean registerFolder(Path folder) {
        try {
            folders.put(folder.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), folder);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            log.accept("hot reload: cannot watch " + folder + ": " + e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        Closing.quietly(service);   // nothing left to watch
        thread.interrupt();
    }
}
