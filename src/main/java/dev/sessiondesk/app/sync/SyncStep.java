package dev.sessiondesk.app.sync;

/**
 * One thing "Sync Now" does. Later features (importers, backup, remote sync) add their own steps
 * to {@link SyncService}; a step reports what it did and its problems instead of throwing for
 * problems it can describe. A thrown exception is recorded as the step's problem and the next
 * steps still run.
 */
@FunctionalInterface
public interface SyncStep {

    SyncStepResult run(SyncContext context) throws Exception;

    /** Shown in the report when the step throws before it can name itself. */
    default String name() {
        return getClass().getSimpleName();
    }
}
