package dev.csvtest.local.code.crac;

/**
 * A checkpoint/restore participant. {@code org.crac} registers a proxy implementing this interface for each
 * {@code org.crac.Resource}, which forwards the calls to the function's resource.
 */
public interface Resource {

    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    void afterRestore(Context<? extends Resource> context) throws Exception;
}
