package dev.csvtest.function.snapstart;

import java.util.Objects;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart hooks: prime the environment before the snapshot, and mark the cache for revalidation after a restore.
 *
 * <p>A snapshot may be restored hours or days after it was taken, so the primed copy is kept (a 304 makes the first
 * request cheap) but must not be trusted without asking S3.
 *
 * <p>CRaC implementations may hold registered resources weakly; the handler keeps a strong reference to this one.
 * On a JVM without CRaC, registration is a no-op.
 */
public final class PrimingResource implements Resource {

    private final Runnable prime;
    private final Runnable restored;

    private PrimingResource(Runnable prime, Runnable restored) {
        this.prime = Objects.requireNonNull(prime, "prime");
        this.restored = Objects.requireNonNull(restored, "restored");
    }

    /** Registers the hooks with CRaC's global context; keep the returned object reachable. */
    public static PrimingResource register(Runnable prime, Runnable restored) {
        var resource = new PrimingResource(prime, restored);
        Core.getGlobalContext().register(resource);
        return resource;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime.run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        restored.run();
    }
}
