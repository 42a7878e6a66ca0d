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

    /** Takes a hold for a new environment; false once the generation is closed (take the current one instead). */
    synchronized boolean retain() {
        if (closed) {
            return false;
        }
        users++;
        return true;
    }

    /** Gives back an environment's hold. */
    void release() {
        boolean close;
        synchronized (this) {
            users--;
            close = superseded && users == 0 && !closed;
            closed |= close;
        }
        if (close) {
            close();
        }
    }

    /** Marks the generation replaced: it closes when its last environment is gone (now, if it has none). */
    void supersede() {
        boolean close;
        synchronized (this) {
            superseded = true;
            close = users == 0 && !closed;
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
