package dev.sessiondesk.ui;

import dev.sessiondesk.app.ClientServices;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.instance.LaunchRequest;
import dev.sessiondesk.app.instance.SingleInstance;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.app.windows.FingerprintCheck;
import dev.sessiondesk.app.windows.SaveListener;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.ui.chat.ChatWindow;
import dev.sessiondesk.ui.windows.RestoredWindow;
import dev.sessiondesk.ui.windows.WindowCoordinator;
import dev.sessiondesk.app.backup.RestoreService;
import dev.sessiondesk.app.importer.GooseSessionsFinder;
import dev.sessiondesk.app.instance.SaveAndQuitChannel;
import dev.sessiondesk.app.maintenance.GooseImportOffer;
import dev.sessiondesk.app.maintenance.StartupMaintenance;
import dev.sessiondesk.app.upgrade.UpgradeCheck;
import dev.sessiondesk.ui.maintenance.MaintenanceController;
import dev.sessiondesk.ui.maintenance.MaintenanceMenus;
import dev.sessiondesk.ui.maintenance.RecoveryDialog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
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
 * The GUI over one data folder, from start to quit. Start-up runs off the FX thread: take the data
 * folder (or hand the launch to the app that has it), open the store, check and load every window
 * that was open, then show them. Quit writes everything pending, clears the heartbeat and releases
 * the folder. {@link #abandon()} stops without any of that, as a crash would (tests use it).
 */
public final class DeskClient {
    private static final Logger LOG = LoggerFactory.getLogger(DeskClient.class);
    /** How often windows look for messages other programs added (P2 in the other direction). */
    private static final Duration POLL = Duration.seconds(2);

    public enum Outcome { RUNNING, HANDED_OVER }

    private final Path dataDir;
    private final Path configDir;
    private final java.util.Map<String, String> environment;
    /** A token flood becomes at most one FX hand-over at a time, however many sessions stream. */
    private final dev.sessiondesk.ui.chat.CoalescingRelay<String> changedSessions =
            new dev.sessiondesk.ui.chat.CoalescingRelay<>(Platform::runLater, ids -> ids.forEach(id -> {
                if (this.coordinator != null) {
                    this.coordinator.sessionChanged(id);
                }
            }));
    private final LaunchRequest request;
    private final ClientServices.Timings timings;
    private final ClientServices.ReplyStarterFactory replies;
    private final Runnable exitPlatform;
    private final GooseSessionsFinder gooseFinder;
    private StartupMaintenance maintenance;
    private MaintenanceController maintenanceUi;
    private RecoveryDialog recovery;
    private final List<List<String>> earlyHandOvers = new ArrayList<>();
    private SingleInstance instance;
    private SessionDesk desk;
    private ClientServices services;
    private dev.sessiondesk.ui.sync.SyncFeature syncFeature;
    private WindowCoordinator coordinator;
    private Timeline poller;
    private volatile boolean finished;

    public DeskClient(Path dataDir, LaunchRequest request, ClientServices.Timings timings, ClientServices.ReplyStarterFactory replies,
                      Runnable exitPlatform) {
        this(dataDir, java.util.Map.of(), dataDir.resolve("config"), request, timings, replies, exitPlatform,
                GooseSessionsFinder.system());
    }

    /** @param gooseFinder where the first-run Goose import offer looks (tests point it at a temp folder) */
    public DeskClient(Path dataDir, LaunchRequest request, ClientServices.Timings timings, ClientServices.ReplyStarterFactory replies,
                      Runnable exitPlatform, GooseSessionsFinder gooseFinder) {
        this(dataDir, java.util.Map.of(), dataDir.resolve("config"), request, timings, replies, exitPlatform, gooseFinder);
    }

    /**
     * @param environment the variables that override the assistant settings file
     * @param configDir   where the assistant settings file is read from
     */
    public DeskClient(Path dataDir, java.util.Map<String, String> environment, Path configDir, LaunchRequest request, ClientServices.Timings timings,
                      ClientServices.ReplyStarterFactory replies, Runnable exitPlatform) {
        this(dataDir, environment, configDir, request, timings, replies, exitPlatform, GooseSessionsFinder.system());
    }

    public DeskClient(Path dataDir, java.util.Map<String, String> environment, Path configDir, LaunchRequest request, ClientServices.Timings timings,
                      ClientServices.ReplyStarterFactory replies, Runnable exitPlatform, GooseSessionsFinder gooseFinder) {
        this.gooseFinder = gooseFinder;
        this.dataDir = dataDir;
        this.configDir = configDir;
        this.environment = environment;
        this.request = request;
        this.timings = timings;
        this.replies = replies;
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
                LOG.error("SessionDesk cannot start on {}", dataDir, e);
                releaseAfterFailedStart();
                done.completeExceptionally(e);
            }
        }, "startup");
        boot.setDaemon(true);
        boot.start();
        return done;
    }

    private record Boot(List<RestoredWindow> windows, String assistantNotice, Optional<UpgradeCheck.Report> upgradeProblems) {
    }

    private Boot boot() throws Exception {
        SingleInstance.Outcome claim;
        try {
            claim = SingleInstance.acquireOrForward(dataDir, request.forwardedArguments(),
                    args -> Platform.runLater(() -> handOver(args)), 5_000);
        } catch (java.nio.file.AccessDeniedException | java.nio.file.ReadOnlyFileSystemException e) {
            // A read-only data folder can still be viewed (the store opens read-only); it just
            // cannot be claimed, so a second launch will not be handed over to this one.
            LOG.warn("cannot claim {} for this app ({}); continuing without single-instance hand-over", dataDir, e.toString());
            claim = new SingleInstance.Outcome(null, false);
        }
        if (claim.forwarded()) {
            LOG.info("another SessionDesk has {}; handed the launch over", dataDir);
            return null;
        }
        instance = claim.owner();
        return openStore();
    }

    /** Opens the store and loads what the windows need; also the second half of a restore. */
    private Boot openStore() {
        desk = SessionDesk.open(dataDir);
        // The user's assistant settings (environment over the 0600 file); a bad file falls back to
        // the offline assistant with a message that names it.
        String assistantNotice = desk.assistants().useConfigured(environment, configDir).orElse(null);
        services = new ClientServices(desk, timings, replies);
        services.start();
        maintenance = new StartupMaintenance(desk, Clock.systemUTC());
        maintenance.addSyncSteps(services.sync());
        if (syncFeature != null) {
            syncFeature.close(); // a restore reopens the store: sync starts over on the new one
        }
        syncFeature = new dev.sessiondesk.ui.sync.SyncFeature(services, environment, configDir,
                Path.of(System.getProperty("user.home")));
        syncFeature.start();
        Optional<UpgradeCheck.Report> upgradeProblems = maintenance.upgradeProblems();
        List<RestoredWindow> restored = new ArrayList<>();
        for (WindowBinding b : services.layout().openWindows()) {
            if (b.sessionId() == null) {
                continue;
            }
            FingerprintCheck.Result check = services.fingerprints().check(b.sessionId(), b.fingerprint());
            List<Message> messages = check.showable() ? desk.store().messages().list(b.sessionId()) : List.of();
            String draft = services.drafts().get(b.windowId()).orElse("");
            LOG.info("restoring window {} on session {}: {}", b.windowId(), b.sessionId(), check.verdict());
            restored.add(new RestoredWindow(b, check, messages, draft));
        }
        return new Boot(restored, assistantNotice, upgradeProblems);
    }

    private void show(Boot b) {
        if (b.upgradeProblems().isPresent()) {
            // Something the upgrade manifest promised is not in the store: the user decides first,
            // before any window (or the daily backup, whose rotation could drop a good backup) runs.
            LOG.warn("the upgrade check found problems: {}", b.upgradeProblems().get().problems());
            recovery = new RecoveryDialog(b.upgradeProblems().get(), desk.backups().catalog().latest().orElse(null),
                    maintenanceController());
            recovery.show(() -> {
                recovery = null;
                showWindows(b);
            }, this::quit);
            return;
        }
        showWindows(b);
    }

    private void showWindows(Boot b) {
        TaskRunner runner = new TaskRunner(desk.background(), Platform::runLater);
        coordinator = new WindowCoordinator(services, runner, (delay, action) -> {
            PauseTransition wait = new PauseTransition(Duration.millis(delay.toMillis()));
            wait.setOnFinished(e -> action.run());
            wait.play();
        }, this::quit);
        coordinator.useConfigDir(configDir);
        coordinator.setSyncStatus(syncFeature::statusAfter);
        syncFeature.showStatusIn(coordinator::windows);
        coordinator.setMenuExtension((bar, window) -> {
            new MaintenanceMenus(maintenanceController(), window).addTo(bar);
            syncFeature.addMenu(bar, window, runner);
            window.addBannerChoice("banner-open-backup", "Open from backup…",
                    () -> maintenanceController().openFromBackup(window));
        });
        java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean();
        SaveListener failures = new SaveListener() {
            @Override
            public void failed(String windowId, RuntimeException error) {
                failing.set(true);
                Platform.runLater(() -> coordinator.backgroundSaveFailed(error));
            }

            @Override
            public void saved(String windowId) {
                if (failing.compareAndSet(true, false)) {
                    Platform.runLater(coordinator::backgroundSaveRecovered);
                }
            }
        };
        services.changes().listen(changedSessions::add);
        services.drafts().listen(failures);
        services.layout().listen(failures);
        if (!b.windows().isEmpty()) {
            coordinator.restore(b.windows());
        }
        if (request.openSessionId() != null) {
            coordinator.openInNewWindow(request.openSessionId());
        } else if (b.windows().isEmpty()) {
            coordinator.newWindow();
        }
        if (b.assistantNotice() != null) {
            coordinator.windows().forEach(w -> w.viewModel().reportStatus(
                    dev.sessiondesk.ui.chat.StatusKind.ERROR, b.assistantNotice()));
        }
        if (desk.store().isReadOnly()) {
            coordinator.windows().forEach(w -> w.viewModel().reportStatus(
                    dev.sessiondesk.ui.chat.StatusKind.ERROR, desk.store().readOnlyReason()));
        }
        poller = new Timeline(new KeyFrame(POLL, e -> coordinator.pollStore()));
        poller.setCycleCount(Animation.INDEFINITE);
        poller.play();
        earlyHandOvers.forEach(this::handOver);
        earlyHandOvers.clear();
        afterWindowsShown();
    }

    /** Daily backup, agent projects, the first-run Goose offer: in the background, reported in the status bar. */
    private void afterWindowsShown() {
        SessionDesk d = desk;
        StartupMaintenance m = maintenance;
        Optional<GooseSessionsFinder.Finding> offer = new GooseImportOffer(dataDir, gooseFinder, Clock.systemUTC())
                .pending().filter(f -> !d.store().isReadOnly());
        offer.ifPresent(f -> maintenanceController().offerGooseImport(f));
        Thread t = new Thread(() -> {
            List<String> notes = new ArrayList<>();
            m.dailyBackup(dev.sessiondesk.app.backup.Progress.NONE).ifPresent(notes::add);
            m.startAgentWatcher().ifPresent(notes::add);
            if (!notes.isEmpty()) {
                Platform.runLater(() -> {
                    if (coordinator != null && desk == d) {
                        coordinator.windows().forEach(w -> w.viewModel().reportStatus(
                                notes.stream().anyMatch(n -> n.contains("failed") || n.contains("cannot"))
                                        ? dev.sessiondesk.ui.chat.StatusKind.ERROR : dev.sessiondesk.ui.chat.StatusKind.SAVED,
                                String.join(" · ", notes)));
                    }
                });
            }
        }, "start-maintenance");
        t.setDaemon(true);
        t.start();
        maintenanceRuns = t;
    }

    private volatile Thread maintenanceRuns;

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

    /**
     * Restores a backup in place: hides the windows, writes what is pending, closes the store, runs
     * the restore, then opens the restored store and brings the windows back from it, exactly as a
     * start would (the app keeps the data folder throughout). Completes on the FX thread.
     */
    public CompletableFuture<RestoreService.Result> restoreAndReload(Path backup, dev.sessiondesk.app.backup.Progress progress) {
        CompletableFuture<RestoreService.Result> done = new CompletableFuture<>();
        stopPolling();
        if (coordinator != null) {
            coordinator.windows().forEach(coordinator::persistNow);
            coordinator.hideAll();
        }
        coordinator = null;
        Thread t = new Thread(() -> {
            RestoreService.Result result = null;
            Throwable failure = null;
            try {
                services.close();
                desk.close();
                result = new RestoreService(dataDir, new dev.sessiondesk.app.backup.BackupService(dataDir))
                        .restore(backup, progress);
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
                LOG.error("cannot reopen {} after the restore", dataDir, e);
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
        if (syncFeature != null) {
            syncFeature.close();
        }
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
            if (syncFeature != null) {
                syncFeature.close();
            }
            if (services != null) {
                services.close();
            }
            if (desk != null) {
                desk.close();
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
        if (services != null) {
            services.abandon();
        }
        if (desk != null) {
            desk.close();
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

    private void releaseAfterFailedStart() {
        try {
            if (desk != null) {
                desk.close();
            }
        } finally {
            if (instance != null) {
                instance.close();
            }
        }
    }

    /** The upgrade recovery dialog while it replaces the windows, else null. */
    public RecoveryDialog recovery() {
        return recovery;
    }

    public dev.sessiondesk.app.SessionDesk desk() {
        return desk;
    }

    public WindowCoordinator coordinator() {
        return coordinator;
    }

    public List<ChatWindow> windows() {
        return coordinator == null ? List.of() : coordinator.windows();
    }

    public ClientServices services() {
        return services;
    }

    public Path configDir() {
        return configDir;
    }

    public Path dataDir() {
        return dataDir;
    }
}
