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
        notifyEach(snapshot().reversed(), r -> r.beforeCheckpoint(this), new CheckpointException());
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) throws RestoreException {
        notifyEach(snapshot(), r -> r.afterRestore(this), new RestoreException());
    }

    private interface Hook {
        void run(Resource resource) throws Exception;
    }

    /** Runs the hook of every resource, even after one failed; throws {@code failure} with their exceptions. */
    private static <E extends Exception> void notifyEach(List<Resource> resources, Hook hook, E failure) throws E {
        for (var resource : resources) {
            try {
                hook.run(resource);
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
