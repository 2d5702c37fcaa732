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
import java.nio.file.Path;
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
    private final List<List<String>> earlyHandOvers = new ArrayList<>();
    private SingleInstance instance;
    private SessionDesk desk;
    private ClientServices services;
    private WindowCoordinator coordinator;
    private Timeline poller;
    private volatile boolean finished;

    public DeskClient(Path dataDir, LaunchRequest request, ClientServices.Timings timings, ClientServices.ReplyStarterFactory replies,
                      Runnable exitPlatform) {
        this(dataDir, java.util.Map.of(), dataDir.resolve("config"), request, timings, replies, exitPlatform);
    }

    /**
     * @param environment the variables that override the assistant settings file
     * @param configDir   where the assistant settings file is read from
     */
    public DeskClient(Path dataDir, java.util.Map<String, String> environment, Path configDir, LaunchRequest request, ClientServices.Timings timings,
                      ClientServices.ReplyStarterFactory replies, Runnable exitPlatform) {
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

    private record Boot(List<RestoredWindow> windows, String assistantNotice) {
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
        desk = SessionDesk.open(dataDir);
        // The user's assistant settings (environment over the 0600 file); a bad file falls back to
        // the offline assistant with a message that names it.
        String assistantNotice = desk.assistants().useConfigured(environment, configDir).orElse(null);
        services = new ClientServices(desk, timings, replies);
        services.start();
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
        return new Boot(restored, assistantNotice);
    }

    private void show(Boot b) {
        TaskRunner runner = new TaskRunner(desk.background(), Platform::runLater);
        coordinator = new WindowCoordinator(services, runner, (delay, action) -> {
            PauseTransition wait = new PauseTransition(Duration.millis(delay.toMillis()));
            wait.setOnFinished(e -> action.run());
            wait.play();
        }, this::quit);
        coordinator.useConfigDir(configDir);
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
        earlyHandOvers.forEach(coordinator::handOver);
        earlyHandOvers.clear();
    }

    private void handOver(List<String> args) {
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
