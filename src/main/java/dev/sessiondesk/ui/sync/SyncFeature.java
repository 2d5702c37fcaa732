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
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;

/**
 * Sync in the GUI: the Sync menu with Sync Settings…, and live sync's outcome in the status bars
 * (a change of state — offline, back — branches, refused messages, and pulls that brought something).
 */
public final class SyncFeature {
    private static final Texts TEXTS = Texts.of("sync");

    private final ServerSync serverSync;
    private final Map<String, String> env;
    private final Path configDir;
    private final Path home;
    private volatile Supplier<List<ChatWindow>> windows = List::of;
    private volatile SyncReport lastShown;

    public SyncFeature(ServerSync serverSync, Map<String, String> env, Path configDir, Path home) {
        this.serverSync = serverSync;
        this.env = env;
        this.configDir = configDir;
        this.home = home;
        serverSync.onReport(this::reported);
    }

    /** The windows whose status bars show live sync's outcome. */
    public void showStatusIn(Supplier<List<ChatWindow>> windows) {
        this.windows = windows;
    }

    private void reported(SyncReport r) {
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
