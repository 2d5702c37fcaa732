package dev.sessiondesk.ui.maintenance;

import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.app.backup.RestoreService;
import dev.sessiondesk.app.client.OpenStore;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskProgress;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.app.text.Wording;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintenance side of the running client: the File and Help commands ({@link MaintenanceController}),
 * the recovery offers ({@link RecoveryOffers}) and the restore in place that closes the open store,
 * restores a backup over it and lets the client open the folder again, exactly as a start would.
 */
public final class ClientMaintenance implements MaintenanceHost {
    private static final Logger LOG = LoggerFactory.getLogger(ClientMaintenance.class);

    /** What the client does around a restore in place. */
    public interface Reload {
        /** On the FX thread: stop polling, write what is pending, hide the windows; returns the store to close. */
        OpenStore leave();

        /** Off the FX thread, after the restore (done or refused): opens the folder again; the result shows it on the FX thread. */
        Runnable reopen();
    }

    private final Path dataDir;
    private final Supplier<OpenStore> store;
    private final Runnable sessionsChanged;
    private final TaskRunner lifecycle;
    private final Reload reload;
    private final MaintenanceController controller;
    private final RecoveryOffers recovery;

    /**
     * @param store     the store open now (a restore replaces it)
     * @param lifecycle the client's start/restore/quit runner: a restore waits for a start and vice versa
     */
    public ClientMaintenance(Path dataDir, Supplier<OpenStore> store, Runnable sessionsChanged, TaskRunner lifecycle,
                             Reload reload) {
        this.dataDir = dataDir;
        this.store = store;
        this.sessionsChanged = sessionsChanged;
        this.lifecycle = lifecycle;
        this.reload = reload;
        this.controller = new MaintenanceController(this);
        this.recovery = new RecoveryOffers(this, controller);
    }

    public MaintenanceController controller() {
        return controller;
    }

    public RecoveryOffers recovery() {
        return recovery;
    }

    @Override
    public OpenStore store() {
        return store.get();
    }

    @Override
    public TaskRunner tasks() {
        return new TaskRunner(store.get().desk().background(), Platform::runLater);
    }

    @Override
    public void sessionsChanged() {
        sessionsChanged.run();
    }

    /** A restore's outcome, and what shows the store open afterwards (the restored one, or the untouched one). */
    private record Swap(Runnable show, RestoreService.Result result, Exception failure) {
    }

    /**
     * Restores a backup in place: the windows go, what is pending is written, the store is closed, the
     * restore runs, then the folder is opened again and the windows come back from it (the app keeps
     * the data folder throughout). Completes on the FX thread.
     */
    @Override
    public CompletableFuture<RestoreService.Result> restoreAndReload(Path backup, TaskProgress progress) {
        OpenStore closing = reload.leave();
        CompletableFuture<RestoreService.Result> done = new CompletableFuture<>();
        BackgroundTask.withProgress("restore " + backup, p -> {
                    OpenStore.RestoreAttempt attempt = OpenStore.closeAndRestore(closing, dataDir, backup,
                            Progress.saying(Wording.current(), p::update));
                    return new Swap(reload.reopen(), attempt.result(), attempt.failure());
                })
                .onProgress(progress)
                .onSuccess(swap -> {
                    swap.show().run();
                    if (swap.failure() != null) {
                        done.completeExceptionally(swap.failure());
                    } else {
                        done.complete(swap.result());
                    }
                })
                .onError(e -> {
                    LOG.error("cannot reopen {} after the restore", dataDir, e);
                    done.completeExceptionally(e);
                })
                .executeWith(lifecycle);
        return done;
    }
}
