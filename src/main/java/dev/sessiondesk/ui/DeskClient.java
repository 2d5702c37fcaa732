package dev.sessiondesk.ui;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.app.backup.RestoreService;
import dev.sessiondesk.app.client.ClientOptions;
import dev.sessiondesk.app.client.ClientServices;
import dev.sessiondesk.app.client.OpenStore;
import dev.sessiondesk.app.client.RestoredWindow;
import dev.sessiondesk.app.instance.SaveAndQuitChannel;
import dev.sessiondesk.app.instance.SingleInstance;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.app.windows.SaveListener;
import dev.sessiondesk.ui.chat.ChatWindow;
import dev.sessiondesk.ui.chat.CoalescingRelay;
import dev.sessiondesk.ui.chat.StatusKind;
import dev.sessiondesk.ui.maintenance.MaintenanceController;
import dev.sessiondesk.ui.maintenance.MaintenanceHost;
import dev.sessiondesk.ui.maintenance.MaintenanceMenus;
import dev.sessiondesk.ui.maintenance.RecoveryDialog;
import dev.sessiondesk.ui.windows.WindowCoordinator;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GUI over one data folder, from start to quit: lifecycle only. Start-up runs off the FX thread:
 * take the data folder (or hand the launch to the app that has it), open the store as one
 * {@link OpenStore} unit, load every window that was open, then show them. A restore closes the unit
 * and opens the restored one. Quit writes everything pending, clears the heartbeat and releases the
 * folder. {@link #abandon()} stops without any of that, as a crash would (tests use it).
 */
public final class DeskClient implements MaintenanceHost {
    private static final Logger LOG = LoggerFactory.getLogger(DeskClient.class);
    /** How often windows look for messages other programs added (P2 in the other direction). */
    private static final Duration POLL = Duration.seconds(2);

    public enum Outcome { RUNNING, HANDED_OVER }

    private final ClientOptions options;
    private final Runnable exitPlatform;
    /** A token flood becomes at most one FX hand-over at a time, however many sessions stream. */
    private final CoalescingRelay<String> changedSessions = new CoalescingRelay<>(Platform::runLater,
            ids -> ids.forEach(id -> {
                if (this.coordinator != null) {
                    this.coordinator.sessionChanged(id);
                }
            }));
    private final List<List<String>> earlyHandOvers = new ArrayList<>();
    private SingleInstance instance;
    /** The open store with everything built over it; replaced whole by a restore. */
    private volatile OpenStore store;
    private WindowCoordinator coordinator;
    private MaintenanceController maintenanceUi;
    private RecoveryDialog recovery;
    private Timeline poller;
    private volatile Thread maintenanceRuns;
    private volatile boolean finished;

    /** @param exitPlatform ends the JavaFX toolkit once everything is closed ({@code Platform::exit}) */
    public DeskClient(ClientOptions options, Runnable exitPlatform) {
        this.options = options;
        this.exitPlatform = exitPlatform;
    }

    /** Call on the FX thread. Completes on the FX thread once the windows are shown (or the launch was handed over). */
    public CompletableFuture<Outcome> start() {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        Thread boot = new Thread(() -> {
            try {
                Boot b = boot();
                Platform.runLater(() -> {
                    try {
                        if (b == null) {
                            done.complete(Outcome.HANDED_OVER);
                            exitPlatform.run();
                            return;
                        }
                        show(b);
                        done.complete(Outcome.RUNNING);
                    } catch (RuntimeException e) {
                        done.completeExceptionally(e);
                    }
                });
            } catch (Exception e) {
                LOG.error("SessionDesk cannot start on {}", options.dataDir(), e);
                closeEverything();
                done.completeExceptionally(e);
            }
        }, "startup");
        boot.setDaemon(true);
        boot.start();
        return done;
    }

    /** What start-up loaded off the FX thread for the windows. */
    private record Boot(OpenStore store, List<RestoredWindow> windows) {
    }

    private Boot boot() throws Exception {
        SingleInstance.Outcome claim;
        try {
            claim = SingleInstance.acquireOrForward(options.dataDir(), options.request().forwardedArguments(),
                    args -> Platform.runLater(() -> handOver(args)), 5_000);
        } catch (AccessDeniedException | ReadOnlyFileSystemException e) {
            // A read-only data folder can still be viewed (the store opens read-only); it just
            // cannot be claimed, so a second launch will not be handed over to this one.
            LOG.warn("cannot claim {} for this app ({}); continuing without single-instance hand-over",
                    options.dataDir(), e.toString());
            claim = new SingleInstance.Outcome(null, false);
        }
        if (claim.forwarded()) {
            LOG.info("another SessionDesk has {}; handed the launch over", options.dataDir());
            return null;
        }
        instance = claim.owner();
        return openStore();
    }

    /** Opens the store as one unit and loads what the windows need; also the second half of a restore. */
    private Boot openStore() {
        OpenStore opened = OpenStore.open(options);
        store = opened;
        return new Boot(opened, opened.restoredWindows());
    }

    private void show(Boot b) {
        if (b.store().upgradeProblems().isPresent()) {
            // Something the upgrade manifest promised is not in the store: the user decides first,
            // before any window (or the daily backup, whose rotation could drop a good backup) runs.
            LOG.warn("the upgrade check found problems: {}", b.store().upgradeProblems().get().problems());
            recovery = new RecoveryDialog(b.store().upgradeProblems().get(),
                    b.store().commands().latestBackup().orElse(null), maintenanceController());
            recovery.show(() -> {
                recovery = null;
                showWindows(b);
            }, this::quit);
            return;
        }
        showWindows(b);
    }

    private void showWindows(Boot b) {
        OpenStore opened = b.store();
        ClientServices services = opened.services();
        coordinator = new WindowCoordinator(opened, tasks(), (delay, action) -> {
            PauseTransition wait = new PauseTransition(Duration.millis(delay.toMillis()));
            wait.setOnFinished(e -> action.run());
            wait.play();
        }, this::quit, options.configDir());
        coordinator.setMenuExtension((bar, window) -> {
            new MaintenanceMenus(maintenanceController(), window).addTo(bar);
            window.addBannerChoice("banner-open-backup", "Open from backup…",
                    () -> maintenanceController().openFromBackup(window));
        });
        SaveListener failures = new SaveFailureRelay(() -> coordinator);
        services.changes().listen(changedSessions::add);
        services.drafts().listen(failures);
        services.layout().listen(failures);
        if (!b.windows().isEmpty()) {
            coordinator.restore(b.windows());
        }
        if (options.request().openSessionId() != null) {
            coordinator.openInNewWindow(options.request().openSessionId());
        } else if (b.windows().isEmpty()) {
            coordinator.newWindow();
        }
        if (opened.assistantNotice() != null) {
            coordinator.windows().forEach(w -> w.viewModel().status().report(StatusKind.ERROR, opened.assistantNotice()));
        }
        if (opened.readOnly()) {
            coordinator.windows().forEach(w -> w.viewModel().status().report(StatusKind.ERROR, opened.readOnlyReason()));
        }
        poller = new Timeline(new KeyFrame(POLL, e -> coordinator.pollStore()));
        poller.setCycleCount(Animation.INDEFINITE);
        poller.play();
        earlyHandOvers.forEach(this::handOver);
        earlyHandOvers.clear();
        afterWindowsShown(opened);
    }

    /** The first-run Goose offer, daily backup, agent projects: in the background, reported in the status bar. */
    private void afterWindowsShown(OpenStore opened) {
        Thread t = new Thread(() -> {
            opened.commands().pendingGooseOffer().ifPresent(f -> Platform.runLater(() -> {
                if (store == opened) {
                    maintenanceController().offerGooseImport(f);
                }
            }));
            List<String> notes = opened.runStartMaintenance();
            if (!notes.isEmpty()) {
                Platform.runLater(() -> {
                    if (coordinator != null && store == opened) {
                        StatusKind kind = notes.stream().anyMatch(n -> n.contains("failed") || n.contains("cannot"))
                                ? StatusKind.ERROR : StatusKind.SAVED;
                        coordinator.windows().forEach(w -> w.viewModel().status().report(kind, String.join(" · ", notes)));
                    }
                });
            }
        }, "start-maintenance");
        t.setDaemon(true);
        t.start();
        maintenanceRuns = t;
    }

    /** For tests: waits until the start-up backup and agent scan have finished. */
    public void awaitStartMaintenance() throws InterruptedException {
        Thread t = maintenanceRuns;
        if (t != null) {
            t.join(60_000);
        }
    }

    public MaintenanceController maintenanceController() {
        if (maintenanceUi == null) {
            maintenanceUi = new MaintenanceController(this);
        }
        return maintenanceUi;
    }

    // ---- MaintenanceHost -----------------------------------------------------------------------

    @Override
    public OpenStore store() {
        return store;
    }

    @Override
    public TaskRunner tasks() {
        return new TaskRunner(store.desk().background(), Platform::runLater);
    }

    @Override
    public void sessionsChanged() {
        if (coordinator != null) {
            coordinator.sessionsChanged();
        }
    }

    /**
     * Restores a backup in place: hides the windows, writes what is pending, closes the store, runs
     * the restore, then opens the restored store and brings the windows back from it, exactly as a
     * start would (the app keeps the data folder throughout). Completes on the FX thread.
     */
    @Override
    public CompletableFuture<RestoreService.Result> restoreAndReload(Path backup, Progress progress) {
        CompletableFuture<RestoreService.Result> done = new CompletableFuture<>();
        stopPolling();
        if (coordinator != null) {
            coordinator.persistAll();
            coordinator.hideAll();
        }
        coordinator = null;
        OpenStore closing = store;
        Thread t = new Thread(() -> {
            RestoreService.Result result = null;
            Throwable failure = null;
            try {
                closing.close();
                result = OpenStore.restore(options.dataDir(), backup, progress);
            } catch (Exception e) {
                LOG.error("restore of {} failed", backup, e);
                failure = e;
            }
            try {
                Boot b = openStore(); // the restored store, or the untouched one after a refused restore
                RestoreService.Result r = result;
                Throwable f = failure;
                Platform.runLater(() -> {
                    show(b);
                    if (f != null) {
                        done.completeExceptionally(f);
                    } else {
                        done.complete(r);
                    }
                });
            } catch (RuntimeException e) {
                LOG.error("cannot reopen {} after the restore", options.dataDir(), e);
                Platform.runLater(() -> done.completeExceptionally(e));
            }
        }, "restore");
        t.setDaemon(false);
        t.start();
        return done;
    }

    private void handOver(List<String> args) {
        if (SaveAndQuitChannel.isRequest(args)) {
            LOG.info("asked over the single-instance socket to save everything and quit");
            quit();
            return;
        }
        if (coordinator == null) {
            earlyHandOvers.add(args); // arrived while this app was still starting
        } else {
            coordinator.handOver(args);
        }
    }

    /** Quit: windows stay open in the table (they come back), pending text and layout are written. */
    public CompletableFuture<Void> quit() {
        if (finished) {
            return CompletableFuture.completedFuture(null);
        }
        finished = true;
        stopPolling();
        if (coordinator != null) {
            coordinator.hideAll();
        }
        return CompletableFuture.runAsync(this::closeEverything, r -> {
            Thread t = new Thread(r, "shutdown");
            t.setDaemon(false);
            t.start();
        }).whenComplete((v, e) -> Platform.runLater(exitPlatform));
    }

    private void closeEverything() {
        try {
            if (store != null) {
                store.close();
            }
        } catch (RuntimeException e) {
            LOG.error("problem while closing the store", e);
        } finally {
            if (instance != null) {
                instance.close();
            }
        }
    }

    /**
     * Stops without writing anything pending and without recording windows as closed — what a crash
     * leaves behind — and releases the folder so another client can start on it. For tests.
     */
    public void abandon() {
        finished = true;
        stopPolling();
        if (coordinator != null) {
            coordinator.hideAll();
        }
        if (store != null) {
            store.abandon();
        }
        if (instance != null) {
            instance.close();
        }
    }

    private void stopPolling() {
        if (poller != null) {
            poller.stop();
        }
    }

    /** The upgrade recovery dialog while it replaces the windows, else null. */
    public RecoveryDialog recovery() {
        return recovery;
    }

    /** The core services of the open store (for tests and the maintenance commands). */
    public SessionDesk desk() {
        return store.desk();
    }

    public WindowCoordinator coordinator() {
        return coordinator;
    }

    public List<ChatWindow> windows() {
        return coordinator == null ? List.of() : coordinator.windows();
    }

    public ClientServices services() {
        return store.services();
    }

    public Path configDir() {
        return options.configDir();
    }

    public Path dataDir() {
        return options.dataDir();
    }
}
