import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The soak's stand-in load driver until the load tool (dev.csvtest.load.LoadTool, issue 5) is merged: fires N GETs at
 * once and writes {"requests", "statusCounts", "errors", "wallMs", "p50Ms", "p99Ms", "maxMs"} as JSON.
 * Run from source, no build needed:  java bench/SoakLoad.java --url URL -n 1000 --json FILE
 */
public final class SoakLoad {
    public static void main(String[] args) throws IOException {
        String url = null;
        String json = null;
        int n = 1000;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "-n" -> n = Integer.parseInt(args[i + 1]);
                case "--json" -> json = args[i + 1];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (url == null || json == null) {
            throw new IllegalArgumentException("usage: --url URL -n N --json FILE");
        }
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build();
        var statuses = new ConcurrentHashMap<String, Integer>();
        var errors = new ConcurrentHashMap<String, Integer>();
        var millis = new AtomicLongArray(n);
        long start = System.nanoTime();
        var calls = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            int index = i;
            long sent = System.nanoTime();
            calls[i] = client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
                millis.set(index, (System.nanoTime() - sent) / 1_000_000);
                if (failure != null) {
                    errors.merge(failure.getClass().getSimpleName(), 1, Integer::sum);
                } else {
                    statuses.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
                }
                return null;
            });
        }
        CompletableFuture.allOf(calls).join();
        long wall = (System.nanoTime() - start) / 1_000_000;
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = millis.get(i);
        }
        Arrays.sort(sorted);
        Files.writeString(Path.of(json), "{\"requests\":" + n + ",\"statusCounts\":" + object(statuses)
                + ",\"errors\":" + object(errors) + ",\"wallMs\":" + wall + ",\"p50Ms\":" + sorted[n / 2]
                + ",\"p99Ms\":" + sorted[Math.min(n - 1, n * 99 / 100)] + ",\"maxMs\":" + sorted[n - 1] + "}\n");
        System.out.println("SoakLoad: " + n + " requests in " + wall + " ms, statuses " + statuses + ", errors " + errors);
        client.close();
    }

    private static String object(Map<String, Integer> counts) {
        var out = new StringBuilder("{");
        new TreeMap<>(counts).forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return out.append('}').toString();
    }
}
