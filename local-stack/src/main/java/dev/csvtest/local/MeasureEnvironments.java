package dev.csvtest.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.csvtest.local.lambda.InvocationResult;

/**
 * {@code measure-environments [FunctionId] [-n N] [--path '/csv_test?delay=2'] [template options]}: what an
 * execution environment costs. Warms one environment (one-time JVM class loading and JIT are not an environment's
 * cost), then runs N concurrent invocations of PATH, which creates N-1 cold environments, and reports their init
 * durations, the cold and warm invocation times, and the retained heap per environment (heap after full GC, before
 * and after, divided by the environments created).
 */
final class MeasureEnvironments {

    private MeasureEnvironments() {
    }

    static void run(List<String> args) throws Exception {
        var rest = new ArrayList<String>();
        var words = new ArrayList<>(args);
        int n = 200;
        String path = "/csv_test?delay=2";
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equals("-n")) {
                n = Integer.parseInt(words.remove(i + 1));
                words.remove(i--);
            } else if (words.get(i).equals("--path")) {
                path = words.remove(i + 1);
                words.remove(i--);
            }
        }
        var options = LocalStackOptions.parse(words, System.getenv(), rest).withServeHttp(false)
                .withLog(line -> { }, System.out);
        try (var stack = LocalStack.start(options)) {
            String functionId = rest.isEmpty() ? stack.template().functions().getFirst().logicalId() : rest.getFirst();
            var function = stack.function(functionId);
            byte[] event = Invoke.generateEvent(List.of(path)).getBytes(UTF_8);

            var first = function.invoke(event).get();
            System.out.println("first environment (includes one-time JVM class loading): " + describe(first));
            long baseline = usedHeapAfterGc();
            long start = System.nanoTime();
            var all = new ArrayList<CompletableFuture<InvocationResult>>();
            for (int i = 0; i < n; i++) {
                all.add(function.invoke(event));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            long wall = (System.nanoTime() - start) / 1_000_000L;
            long[] inits = all.stream().map(CompletableFuture::join)
                    .map(MeasureEnvironments::execution).filter(e -> e != null && e.cold())
                    .mapToLong(InvocationResult.Execution::initMillis).sorted().toArray();
            int environments = function.environments();
            var outcomes = all.stream().map(CompletableFuture::join)
                    .collect(java.util.stream.Collectors.groupingBy(r -> r.getClass().getSimpleName()
                            + (execution(r) != null && !execution(r).cold() ? " (warm)" : ""), java.util.stream.Collectors.counting()));
            System.out.println("outcomes: " + outcomes);
            long after = usedHeapAfterGc();
            System.out.printf("%d concurrent invocations of %s on %s: wall %d ms, %d cold environments created%n",
                    n, path, functionId, wall, inits.length);
            if (inits.length > 0) {
                System.out.printf("init per environment: p50 %d ms, p90 %d ms, max %d ms%n",
                        inits[inits.length / 2], inits[(int) (inits.length * 0.9)], inits[inits.length - 1]);
            }
            System.out.printf("retained heap: %.1f MB before, %.1f MB after %d environments: %.0f KB per environment%n",
                    baseline / 1e6, after / 1e6, environments, (after - baseline) / 1024.0 / Math.max(1, environments - 1));

            long warmStart = System.nanoTime();
            var warm = new ArrayList<CompletableFuture<InvocationResult>>();
            for (int i = 0; i < n; i++) {
                warm.add(function.invoke(event));
            }
            CompletableFuture.allOf(warm.toArray(CompletableFuture[]::new)).join();
            System.out.printf("same %d again on warm environments: wall %d ms%n", n, (System.nanoTime() - warmStart) / 1_000_000L);
        }
    }

    private static InvocationResult.Execution execution(InvocationResult r) {
        return switch (r) {
            case InvocationResult.Success s -> s.execution();
            case InvocationResult.FunctionError f -> f.execution();
            case InvocationResult.Throttled t -> null;
        };
    }

    private static String describe(InvocationResult r) {
        var e = execution(r);
        return e == null ? r.toString() : e.environmentId() + (e.cold() ? " cold, init " + e.initMillis() + " ms" : " warm")
                + (r instanceof InvocationResult.FunctionError f ? " ERROR " + new String(f.payload(), UTF_8) : "");
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
