package dev.csvtest.local.lambda;

import java.util.Optional;

/**
 * How long an execution environment took to become ready.
 *
 * @param initMillis the init phase: class loading, static initialisation, the handler's constructor
 * @param snapStart  for a SnapStart function, its runtime hooks
 */
public record InitTimes(long initMillis, Optional<SnapStartTimes> snapStart) {

    public static InitTimes of(long initMillis) {
        return new InitTimes(initMillis, Optional.empty());
    }

    /**
     * The phases SnapStart adds (locally each environment runs them itself: there is no snapshot to restore).
     *
     * @param resources              CRaC resources the environment registered during init
     * @param beforeCheckpointMillis their {@code beforeCheckpoint} hooks, run right after init
     * @param afterRestoreMillis     their {@code afterRestore} hooks, run before the environment's first invoke
     */
    public record SnapStartTimes(int resources, long beforeCheckpointMillis, long afterRestoreMillis) {
    }

    /** {@code init 412 ms, beforeCheckpoint 180 ms, afterRestore 12 ms}. */
    public String describe() {
        return "init " + initMillis + " ms" + snapStart.map(s -> ", beforeCheckpoint " + s.beforeCheckpointMillis()
                + " ms, afterRestore " + s.afterRestoreMillis() + " ms (" + s.resources() + " CRaC resource"
                + (s.resources() == 1 ? "" : "s") + ")").orElse("");
    }
}
