package dev.csvtest.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the requests on virtual threads.
 *
 * <p>Burst mode creates all N threads first and parks them on a start barrier, then releases them at once, so
 * thread creation is not part of the measured wall time. Closed-loop mode keeps C requests in flight until the
 * duration ends.
 */
public record LoadRunner(LoadOptions options, HttpGetter getter, Progress progress) {

    public RunResult run() throws InterruptedException {
        return options.duration() == null ? burst() : closedLoop();
    }

    private RunResult burst() throws InterruptedException {
        var n = options.requests();
        var results = new Outcome[n];
        var prepared = new HttpGetter.Prepared[n];
        for (var i = 0; i < n; i++) {
            prepared[i] = getter.prepare(i, options.urlFor(i)); // outside the measured window
        }
        var gate = new CountDownLatch(1);
        var origin = new long[1];
        var threads = new ArrayList<Thread>(n);
        var factory = Thread.ofVirtual().name("load-", 0).factory();
        for (var i = 0; i < n; i++) {
            final var index = i;
            threads.add(factory.newThread(() -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    return;
                }
                progress.requestStarted();
                var outcome = getter.send(prepared[index], origin[0]);
                results[index] = outcome;
                progress.requestDone(outcome);
            }));
        }
        threads.forEach(Thread::start);
        origin[0] = System.nanoTime();
        progress.start(origin[0]);
        gate.countDown();
        for (var t : threads) {
            t.join();
        }
        var wall = Arrays.stream(results).mapToLong(Outcome::endNanos).max().orElse(0);
        return new RunResult(options, Arrays.asList(results), wall);
    }

    private RunResult closedLoop() throws InterruptedException {
        var outcomes = new ConcurrentLinkedQueue<Outcome>();
        var next = new AtomicInteger();
        var origin = System.nanoTime();
        var end = origin + options.duration().toNanos();
        progress.start(origin);
        var threads = new ArrayList<Thread>();
        for (var c = 0; c < options.concurrency(); c++) {
            threads.add(Thread.ofVirtual().name("load-loop-" + c).start(() -> {
                while (System.nanoTime() < end) {
                    var i = next.getAndIncrement();
                    progress.requestStarted();
                    var outcome = getter.get(i, options.urlFor(i), origin);
                    outcomes.add(outcome);
                    progress.requestDone(outcome);
                }
            }));
        }
        for (var t : threads) {
            t.join();
        }
        var list = new ArrayList<>(outcomes);
        list.sort((a, b) -> Integer.compare(a.index(), b.index()));
        var wall = list.stream().mapToLong(Outcome::endNanos).max().orElse(0);
        return new RunResult(options, list, wall);
    }
}
