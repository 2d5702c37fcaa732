package dev.sessiondesk.ui.maintenance;

import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.app.backup.RestoreService;
import dev.sessiondesk.app.client.OpenStore;
import dev.sessiondesk.app.tasks.TaskRunner;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** What the maintenance commands need from the running client: the store open now, and the restore that replaces it. */
public interface MaintenanceHost {
    /** The store open now; a restore replaces it, so ask each time. */
    OpenStore store();

    /** Where the commands' work runs and where its results come back (the FX thread). */
    TaskRunner tasks();

    /**
     * Closes the store, restores {@code backup} over it and brings the windows back from the
     * restored one. Completes on the FX thread.
     */
    CompletableFuture<RestoreService.Result> restoreAndReload(Path backup, Progress progress);

    /** Sessions were added or changed (an import, an agent project): the session lists read again. */
    void sessionsChanged();
}
