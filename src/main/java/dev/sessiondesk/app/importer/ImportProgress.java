package dev.sessiondesk.app.importer;

/**
 * Progress of an import for a progress bar: {@code done} of {@code total} in the source's own unit
 * (files, database rows or bytes; {@code total} is -1 when unknown), and the running counts.
 * Called on the importing thread; a UI hands it to its own thread.
 */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (source, done, total, sessionsSoFar) -> { };

    void update(String source, long done, long total, int sessionsSoFar);
}
