package dev.csvtest.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import dev.csvtest.testkit.EmbeddedS3;

/**
 * An embedded S3 seeded with sample.csv behind a {@link DelayProxy}: the "S3 with 0.5 s latency" of the overlap
 * benchmark, for a local stack pointed at an external S3. {@code SlowS3 [--latency-ms L]} prints
 * {@code Slow S3 ready: http://127.0.0.1:<port> bucket=csv-test-bench key=sample.csv latency=<L>ms} and runs until
 * killed.
 */
public final class SlowS3 {

    private SlowS3() {
    }

    public static void main(String[] args) throws Exception {
        var latency = 500L;
        if (args.length == 2 && args[0].equals("--latency-ms")) {
            latency = Long.parseLong(args[1]);
        } else if (args.length != 0) {
            System.err.println("usage: SlowS3 [--latency-ms L]");
            System.exit(2);
        }
        var csv = SlowS3.class.getResourceAsStream("/sample.csv").readAllBytes();
        var s3 = EmbeddedS3.start().createBucket(HandlerProbe.BUCKET).put(HandlerProbe.BUCKET, HandlerProbe.KEY, csv, "text/csv");
        var proxy = DelayProxy.start(s3.port(), Duration.ofMillis(latency));
        System.out.println("Slow S3 ready: http://127.0.0.1:" + proxy.port() + " bucket=" + HandlerProbe.BUCKET
                + " key=" + HandlerProbe.KEY + " latency=" + latency + "ms");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
