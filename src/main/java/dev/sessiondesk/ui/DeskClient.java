package dev.sessiondesk.ui;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.client.ClientOptions;
import dev.sessiondesk.app.client.ClientServices;
import dev.sessiondesk.app.client.OpenStore;
import dev.sessiondesk.app.client.RestoredWindow;
import dev.sessiondesk.app.instance.SaveAndQuitChannel;
import dev.sessiondesk.app.instance.SingleInstance;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.app.tasks.UncaughtExceptions;
import dev.sessiondesk.app.tasks.Workers;
import dev.sessiondesk.app.windows.SaveListener;
import dev.sessiondesk.store.UiThreadGuard;
import dev.sessiondesk.ui.chat.ChatWindow;
import dev.sessiondesk.ui.chat.CoalescingRelay;
import dev.sessiondesk.ui.chat.StatusKind;
import dev.sessiondesk.ui.chat.transcript.TranscriptView;
import dev.sessiondesk.ui.chat.StatusLine;
import dev.sessiondesk.ui.maintenance.MaintenanceController;
import dev.sessiondesk.ui.maintenance.ClientMaintenance;
import dev.sessiondesk.ui.maintenance.MaintenanceMenus;
import dev.sessiondesk.ui.maintenance.RecoveryDialog;
import dev.sessiondesk.ui.maintenance.RecoveryOffers;
import dev.sessiondesk.ui.windows.WindowCoordinator;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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
public final class DeskClient {
    private static final Logger LOG = LoggerFactory.getLogger(DeskClient.class);
    /** How often windows look for messages other programs added (P2 in the other direction). */
    private static final Duration POLL = Duration.seconds(2);

    public enum Outcome { RUNNING, HANDED_OVER }

    private final ClientOptions options;
    private final Runnable exitPlatform;
    private Consumer<String> browser = url -> LOG.warn("no system browser to open a link with");
    /** A token flood becomes at most one FX hand-over at a time, however many sessions stream. */
    private final CoalescingRelay<String> changedSessions = new CoalescingRelay<>(Platform::runLater,
            ids -> Optional.ofNullable(this.coordinator).ifPresent(c -> ids.forEach(c::sessionChanged)));
    private final List<List<String>> earlyHandOvers = new ArrayList<>();
    private final UncaughtExceptions uncaught = new UncaughtExceptions(this::tellUser);
    /** Every thread of this client comes from here; closed when the client ends. */
    private final Workers workers = new Workers(uncaught);
    /**
     * Start, restore and quit, one after the other. A daemon: the JVM stays up while the toolkit
     * runs, and the toolkit exits only after a quit has written everything.
     */
    private final TaskRunner lifecycle = new TaskRunner(workers.single("lifecycle", true), Platform::runLater);
    private SingleInstance instance;
    /** The open store with everything built over it; replaced whole by a restore. */
    private volatile OpenStore store;
    private WindowCoordinator coordinator;
    private final ClientMaintenance maintenance;
    private Timeline poller;
    private final StartupChores chores = new StartupChores();
    private volatile boolean finished;
    /** Theme and font size of every window of this client. */
    private dev.sessiondesk.ui.theme.Appearance appearance;

    /** @param exitPlatform ends the JavaFX toolkit once everything is closed ({@code Platform::exit}) */
    public DeskClient(ClientOptions options, Runnable exitPlatform) {
        this.options = options;
        this.exitPlatform = exitPlatform;
        this.maintenance = new ClientMaintenance(options.dataDir(), () -> store, () -> {
            if (coordinator != null) {
                coordinator.sessionsChanged();
            }
        }, lifecycle, new Reopening());
    }

    /** Where the transcripts' links open (the application's HostServices); call before {@link #start}. */
    public void setBrowser(Consumer<String> browser) {
        this.browser = browser;
    }

    /**
     * Call on the FX thread. Completes on the FX thread once the windows are shown (or the launch was
     * handed over). From here on an exception nothing caught, on the FX thread or any of this
     * client's threads, is logged with its stack and shown in one line in every window's status bar.
     */
    public CompletableFuture<Outcome> start() {
        Thread.currentThread().setUncaughtExceptionHandler(uncaught);
        UiThreadGuard.forbid("JavaFX application thread", Platform::isFxApplicationThread);
        return BackgroundTask.supply("start SessionDesk on " + options.dataDir(), this::boot)
                .onSuccess(b -> {
                    if (b == null) {
                        end();
                    } else {
                        if (appearance == null && b.look() != null) {
                            appearance = b.look().appearance(options.configDir(), () -> store.desk().background());
                            appearance.install();
                        }
                        show(b);
                    }
                })
                .onError(e -> {
                    LOG.error("SessionDesk cannot start on {}", options.dataDir(), e);
                    workers.close();
                })
                .executeWith(lifecycle)
                .thenApply(b -> b == null ? Outcome.HANDED_OVER : Outcome.RUNNING);
    }

    /** What start-up loaded off the FX thread for the windows. */
    private record Boot(OpenStore store, List<RestoredWindow> windows, dev.sessiondesk.ui.theme.SavedLook look) {
    }

    /** Off the FX thread: claims the folder and opens the store; null when another app has the folder. */
    private Boot boot() throws Exception {
        TranscriptView.preparePage(); // reads the page's scripts from the jar here, not on the FX thread
        SingleInstance.Outcome claim;
        try {
            claim = SingleInstance.acquireOrForward(options.dataDir(), options.request().forwardedArguments(),
                    args -> Platform.runLater(() -> handOver(args)), 5_000, workers.threads("instance-listener", true));
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
        try {
            return openStore();
        } catch (RuntimeException e) {
            closeEverything();
            throw e;
        }
    }

    /** Opens the store as one unit and loads what the windows need; also the second half of a restore. */
    private Boot openStore() {
        OpenStore opened = OpenStore.open(options, workers);
        store = opened;
        // The saved theme and text size are read here too, off the FX thread, for the first window.
        return new Boot(opened, opened.restoredWindows(),
                dev.sessiondesk.ui.theme.SavedLook.read(options.configDir(), options.environment()));
    }

    private void show(Boot b) {
        // Something the upgrade manifest promised is not in the store: the user decides first.
        if (!recoveryOffers().showUpgradeCheck(b.store(), () -> showWindows(b), this::quit)) {
            showWindows(b);
        }
    }

    private void showWindows(Boot b) {
        OpenStore opened = b.store();
        ClientServices services = opened.services();
        coordinator = new WindowCoordinator(opened, tasks(), (delay, action) -> {
            PauseTransition wait = new PauseTransition(Duration.millis(delay.toMillis()));
            wait.setOnFinished(e -> action.run());
            wait.play();
        }, this::quit, options.configDir());
        coordinator.setBrowser(browser);
        coordinator.useAppearance(appearance);
        dev.sessiondesk.ui.sync.SyncFeature sync = new dev.sessiondesk.ui.sync.SyncFeature(opened.serverSync(),
                options.environment(), options.configDir(), java.nio.file.Path.of(System.getProperty("user.home")));
        sync.showStatusIn(() -> coordinator == null ? List.of() : coordinator.windows());
        coordinator.setMenuExtension((bar, window) -> {
            new MaintenanceMenus(maintenanceController(), window).addTo(bar);
            sync.addMenu(bar, window, tasks());
            recoveryOffers().addTo(window);
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
        poller = new Timeline(new KeyFrame(POLL, e -> coordinator.pollStore()));
        poller.setCycleCount(Animation.INDEFINITE);
        poller.play();
        earlyHandOvers.forEach(this::handOver);
        earlyHandOvers.clear();
        // The store check first, so a damaged store is read-only before the chores (backup, sync) write.
        BooleanSupplier stillOpen = () -> store == opened && coordinator != null;
        CompletableFuture<?> checked = recoveryOffers().checkStore(opened, stillOpen, this::windows);
        chores.start(checked, opened, tasks(), stillOpen, f -> maintenanceController().offerGooseImport(f), this::windows);
    }

    /** For tests: waits until the start-up Goose check, backup and agent scan have finished. */
    public void awaitStartMaintenance() throws InterruptedException {
        chores.await();
    }

    /** An exception nothing caught: one line in every window's status bar (its stack is in the log). */
    private void tellUser(Throwable error) {
        String line = StatusLine.uncaught(error);
        Platform.runLater(() -> windows().forEach(w -> w.viewModel().status().report(StatusKind.ERROR, line)));
    }

    /** The recovery dialog, the store check and the banner's choices. */
    public RecoveryOffers recoveryOffers() {
        return maintenance.recovery();
    }

    public MaintenanceController maintenanceController() {
        return maintenance.controller();
    }

    /** The store open now; a restore replaces it. */
    public OpenStore store() {
        return store;
    }

    private TaskRunner tasks() {
        return maintenance.tasks();
    }

    /** The File and Help maintenance side: the closing store and windows go, the restored ones come back. */
    private final class Reopening implements ClientMaintenance.Reload {
        @Override
        public OpenStore leave() {
            stopPolling();
            if (coordinator != null) {
                coordinator.persistAll();
                coordinator.hideAll();
            }
            coordinator = null;
            return store;
        }

        @Override
        public Runnable reopen() {
            Boot b = openStore();
            return () -> show(b);
        }
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
        stopShowing();
        // Completes on the lifecycle thread, not the FX thread: Application.stop() may wait for it there.
        CompletableFuture<Void> closed = new CompletableFuture<>();
        BackgroundTask.run("save everything and close", () -> {
                    try {
                        closeEverything();
                    } finally {
                        closed.complete(null);
                    }
                })
                .onFinally(this::end)
                .executeWith(lifecycle);
        return closed;
    }

    /** The client's last step, on the FX thread: its threads stop, then the toolkit may exit. */
    private void end() {
        workers.close();
        exitPlatform.run();
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
        stopShowing();
        if (store != null) {
            store.abandon();
        }
        if (instance != null) {
            instance.close();
        }
        workers.close();
    }

    /** Quit and abandon alike: nothing shows any more and nothing polls. */
    private void stopShowing() {
        finished = true;
        stopPolling();
        if (coordinator != null) {
            coordinator.hideAll();
        }
        if (appearance != null) {
            appearance.uninstall();
        }
    }

    private void stopPolling() {
        if (poller != null) {
            poller.stop();
        }
    }

    /** The upgrade recovery dialog while it replaces the windows, else null. */
    public RecoveryDialog recovery() {
        return recoveryOffers().dialog();
    }

    /** The core services of the open store (for tests and the maintenance commands). */
    public SessionDesk desk() {
        return store.desk();
    }

    /** Theme and font size; null until the first window shows. */
    public dev.sessiondesk.ui.theme.Appearance appearance() {
        return appearance;
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
}
