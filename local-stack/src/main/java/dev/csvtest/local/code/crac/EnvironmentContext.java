package dev.csvtest.local.code.crac;

import java.util.ArrayList;
import java.util.List;

/**
 * The global context of one execution environment: the resources registered while that environment initialised,
 * notified as a CRaC JVM notifies its global context (beforeCheckpoint last-registered first, afterRestore in
 * registration order), every hook run even when one fails.
 */
final class EnvironmentContext extends Context<Resource> {

    private final List<Resource> resources = new ArrayList<>();

    @Override
    public synchronized void register(Resource resource) {
        resources.add(resource);
    }

    synchronized int size() {
        return resources.size();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
        var failure = new CheckpointException();
        for (var resource : snapshot().reversed()) {
            try {
                resource.beforeCheckpoint(this);
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) throws RestoreException {
        var failure = new RestoreException();
        for (var resource : snapshot()) {
            try {
                resource.afterRestore(this);
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private synchronized List<Resource> snapshot() {
        return List.copyOf(resources);
    }
}
