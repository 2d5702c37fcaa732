package dev.sessiondesk.ui.sync;

import dev.sessiondesk.app.ClientServices;
import dev.sessiondesk.app.sync.DeviceClock;
import dev.sessiondesk.app.sync.LiveSync;
import dev.sessiondesk.app.sync.RemoteSync;
import dev.sessiondesk.app.sync.RemoteSyncStep;
import dev.sessiondesk.app.sync.SyncReport;
import dev.sessiondesk.app.sync.SyncSettings;
import dev.sessiondesk.app.sync.SyncSummary;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.ui.chat.ChatWindow;
import dev.sessiondesk.ui.chat.StatusKind;
import dev.sessiondesk.ui.i18n.Texts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;

/**
 * Sync in the GUI: Sync Now's server step, live sync while the app runs (when a server is set up),
 * the Sync menu with Sync Settings…, and the status bar line. Windows refresh as soon as a pull
 * brings something (through the same change announcements replies use).
 */
public final class SyncFeature implements AutoCloseable {
    private static final Texts TEXTS = Texts.of("sync");
    static final Duration FALLBACK_PULL = Duration.ofSeconds(30);

    private final ClientServices services;
    private final Map<String, String> env;
    private final Path configDir;
    private final Path home;
    private final RemoteSync remote;
    private final RemoteSyncStep step;
    private volatile Supplier<Iterable<ChatWindow>> windows = java.util.List::of;
    private LiveSync live;

    public SyncFeature(ClientServices services, Map<String, String> env, Path configDir, Path home) {
        this.services = services;
        this.env = env;
        this.configDir = configDir;
        this.home = home;
        this.remote = new RemoteSync(services.desk().store(), () -> {
            try {
                return SyncSettings.load(env, configDir, home);
            } catch (IllegalArgumentException e) {
                throw e; // a bad URL is reported by the exchange that needs it
            }
        }, DeviceClock.system());
        this.step = new RemoteSyncStep(remote);
        services.sync().addStep(step);
        remote.onChanges(new RemoteSync.Changes() {
            @Override
            public void sessionsChanged(Set<String> sessionIds) {
                sessionIds.forEach(services.changes()::changed);
            }
        });
    }

    /** Starts live sync when a server is set up and the store can be written. Call off the FX thread. */
    public synchronized void start() {
        if (live != null || services.desk().store().isReadOnly() || !configuredQuietly()) {
            return;
        }
        live = new LiveSync(remote, FALLBACK_PULL, this::reported);
        live.start();
    }

    private boolean configuredQuietly() {
        try {
            return remote.configured();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The windows whose status bars show live sync's outcome. */
    public void showStatusIn(Supplier<Iterable<ChatWindow>> windows) {
        this.windows = windows;
    }

    private void reported(SyncReport r) {
        SyncReport before = step.lastReport().orElse(null);
        step.remember(r);
        boolean changedState = before == null || (before.failure() == null) != (r.failure() == null);
        boolean worthSaying = changedState || !r.branches().isEmpty() || !r.refused().isEmpty() || r.pulled() > 0;
        if (!worthSaying) {
            return;
        }
        String text = SyncStatusText.of(r, ZoneId.systemDefault());
        StatusKind kind = SyncStatusText.isProblem(r) ? StatusKind.ERROR : StatusKind.SAVED;
        Platform.runLater(() -> windows.get().forEach(w -> w.viewModel().reportStatus(kind, text)));
    }

    /** The status line Sync Now shows when a server is set up, from the exchange it just ran. */
    public Optional<String> statusAfter(SyncSummary summary) {
        if (summary.steps().stream().noneMatch(s -> s.step().equals(RemoteSyncStep.NAME)) || !configuredQuietly()) {
            return Optional.empty();
        }
        return step.lastReport().map(r -> SyncStatusText.of(r, ZoneId.systemDefault()));
    }

    /** Adds the Sync menu (Sync Settings…) to a window's menu bar. */
    public void addMenu(MenuBar bar, ChatWindow window, TaskRunner runner) {
        MenuItem settings = new MenuItem(TEXTS.get("menu.settings"));
        settings.setId("menu-sync-settings");
        settings.setOnAction(e -> new SyncSettingsDialog(window.stage(), new SyncSettingsViewModel(env, configDir, home,
                runner, () -> runner.background().execute(this::restart))).show());
        Menu menu = new Menu(TEXTS.get("menu.sync"), null, settings);
        menu.setId("menu-sync");
        bar.getMenus().add(menu);
    }

    /** New settings: live sync starts over with them. */
    private synchronized void restart() {
        if (live != null) {
            live.close();
            live = null;
        }
        remote.close();
        start();
    }

    public RemoteSync remote() {
        return remote;
    }

    @Override
    public synchronized void close() {
        if (live != null) {
            live.close();
            live = null;
        }
        remote.close();
    }
}
