package dev.csvtest.local.lambda;

/**
 * One deployment of a function, counted: every execution environment created on it (and every init in progress)
 * holds it. Once a newer generation has replaced it and its last environment is gone, its code is closed (its jars)
 * and the serializer caches that could still name its classes are flushed, so nothing keeps its class loaders.
 */
final class CodeGeneration {

    private final int number;
    private final FunctionDeployment deployment;
    private int users;             // guarded by this
    private boolean superseded;    // guarded by this
    private boolean closed;        // guarded by this

    CodeGeneration(int number, FunctionDeployment deployment) {
        this.number = number;
        this.deployment = deployment;
    }

    int number() {
        return number;
    }

    FunctionDeployment deployment() {
        return deployment;
    }

    /**
     * Takes a hold for a new environment. Only the current generation is asked, and a generation closes only after it
     * was superseded, so it is never closed here.
     */
    synchronized void retain() {
        users++;
    }

    /** Gives back an environment's hold. */
    void release() {
        synchronized (this) {
            users--;
        }
        closeIfUnused();
    }

    /** Marks the generation replaced: it closes when its last environment is gone (now, if it has none). */
    void supersede() {
        synchronized (this) {
            superseded = true;
        }
        closeIfUnused();
    }

    /** Closes the code once, when the generation is both replaced and unused. */
    private void closeIfUnused() {
        boolean close;
        synchronized (this) {
            close = superseded && users == 0 && !closed;
            closed |= close;
        }
        if (close) {
            close();
        }
    }

    private void close() {
        deployment.code().close();
        Serializers.flushSharedCaches();
    }
}
