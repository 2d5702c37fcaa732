package dev.sessiondesk.ui.sync;

import dev.sessiondesk.app.sync.ServerSync;
import dev.sessiondesk.app.sync.SyncReport;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.ui.chat.ChatWindow;
import dev.sessiondesk.ui.chat.StatusKind;
import dev.sessiondesk.ui.i18n.Texts;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.Pane;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;

/**
 * Sync in the GUI: the Sync menu with Sync Settings…, and live sync's outcome in the status bars
 * (a change of state — offline, back — branches, refused messages, and pulls that brought something).
 * A long pull (a new device's first sync) shows a progress bar and "n of m messages" in every status
 * bar until it ends.
 */
public final class SyncFeature {
    private static final Texts TEXTS = Texts.of("sync");
    /** Pulls of fewer messages end too soon for a bar to help. */
    static final long BAR_FROM = 5_000;
    static final String BAR_ID = "sync-progress";

    private final ServerSync serverSync;
    private final Map<String, String> env;
    private final Path configDir;
    private final Path home;
    private volatile Supplier<List<ChatWindow>> windows = List::of;
    private volatile SyncReport lastShown;
    private volatile long[] pulling; // {done, total} of the pull under way, or null
    private final AtomicBoolean barUpdateQueued = new AtomicBoolean();

    public SyncFeature(ServerSync serverSync, Map<String, String> env, Path configDir, Path home) {
        this.serverSync = serverSync;
        this.env = env;
        this.configDir = configDir;
        this.home = home;
        serverSync.onReport(this::reported);
        serverSync.onProgress(this::pulled);
    }

    /** The windows whose status bars show live sync's outcome. */
    public void showStatusIn(Supplier<List<ChatWindow>> windows) {
        this.windows = windows;
    }

    private void pulled(long done, long total) {
        if (total < BAR_FROM) {
            return;
        }
        pulling = done >= total ? null : new long[] {done, total};
        if (barUpdateQueued.compareAndSet(false, true)) {
            Platform.runLater(this::showPulling); // at most one update waits for the FX thread
        }
    }

    private void showPulling() {
        barUpdateQueued.set(false);
        long[] p = pulling;
        for (ChatWindow w : windows.get()) {
            Node found = w.stage().getScene() == null ? null : w.stage().getScene().lookup(".status-bar");
            if (!(found instanceof Pane bar)) {
                continue;
            }
            Node existing = bar.lookup("#" + BAR_ID);
            if (p == null) {
                bar.getChildren().remove(existing);
                continue;
            }
            ProgressBar progress = existing instanceof ProgressBar b ? b : new ProgressBar(0);
            if (existing == null) {
                progress.setId(BAR_ID);
                progress.setPrefWidth(180);
                progress.setMinWidth(120);
                bar.getChildren().add(Math.min(1, bar.getChildren().size()), progress);
            }
            progress.setProgress((double) p[0] / p[1]);
            w.viewModel().status().report(StatusKind.SAVING, TEXTS.get("status.pulling", p[0], p[1]));
        }
    }

    private void reported(SyncReport r) {
        if (pulling != null) {
            pulling = null; // the exchange ended (done or failed): its bar goes
            if (barUpdateQueued.compareAndSet(false, true)) {
                Platform.runLater(this::showPulling);
            }
        }
        SyncReport before = lastShown;
        boolean changedState = before == null || (before.failure() == null) != (r.failure() == null);
        if (!changedState && r.branches().isEmpty() && r.refused().isEmpty() && r.pulled() == 0) {
            return;
        }
        lastShown = r;
        String text = SyncStatusText.of(r, ZoneId.systemDefault());
        StatusKind kind = SyncStatusText.isProblem(r) ? StatusKind.ERROR : StatusKind.SAVED;
        Platform.runLater(() -> windows.get().forEach(w -> w.viewModel().status().report(kind, text)));
    }

    /** Adds the Sync menu (Sync Settings…) to a window's menu bar. */
    public void addMenu(MenuBar bar, ChatWindow window, TaskRunner runner) {
        MenuItem settings = new MenuItem(TEXTS.get("menu.settings"));
        settings.setId("menu-sync-settings");
        settings.setOnAction(e -> new SyncSettingsDialog(window.stage(), new SyncSettingsViewModel(env, configDir, home,
                runner, () -> runner.background().execute(serverSync::restart))).show());
        Menu menu = new Menu(TEXTS.get("menu.sync"), null, settings);
        menu.setId("menu-sync");
        bar.getMenus().add(menu);
    }
}
