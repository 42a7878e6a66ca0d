package dev.csvtest.local.lambda;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A concurrency quota: a function's {@code ReservedConcurrentExecutions}, or the account's unreserved concurrency
 * shared by every function without a reservation. An invocation over it is throttled, never queued.
 */
public final class ConcurrencyPool {

    private final String name;
    private final int limit;
    private final AtomicInteger inUse = new AtomicInteger();

    public ConcurrencyPool(String name, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException(name + ": concurrency limit " + limit + " < 0");
        }
        this.name = name;
        this.limit = limit;
    }

    boolean tryAcquire() {
        while (true) {
            int now = inUse.get();
            if (now >= limit) {
                return false;
            }
            if (inUse.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void release() {
        inUse.decrementAndGet();
    }

    public String name() {
        return name;
    }

    public int limit() {
        return limit;
    }

    public int inUse() {
        return inUse.get();
    }
}
