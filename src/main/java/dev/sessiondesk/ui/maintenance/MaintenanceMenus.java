package dev.sessiondesk.ui.maintenance;

import dev.sessiondesk.ui.chat.ChatWindow;
import dev.sessiondesk.ui.i18n.Texts;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * Adds the maintenance commands to a chat window's menu bar: Import, Back Up Now, Restore, Export All
 * and Watch Agent Project in File (before its Close/Quit group), Verify Store and Prepare for Upgrade
 * in a Help menu at the end. Called once per window.
 */
public final class MaintenanceMenus {
    private static final Texts T = Texts.of("maintenance");
    private final MaintenanceController controller;
    private final ChatWindow window;

    public MaintenanceMenus(MaintenanceController controller, ChatWindow window) {
        this.controller = controller;
        this.window = window;
    }

    public void addTo(MenuBar bar) {
        Menu file = menu(bar, "menu-file", "menu.file", 0);
        // Before the last separator (Close Window, Quit), or at the end when there is none.
        int at = file.getItems().size();
        for (int i = file.getItems().size() - 1; i >= 0; i--) {
            if (file.getItems().get(i) instanceof SeparatorMenuItem) {
                at = i;
                break;
            }
        }
        file.getItems().addAll(at, java.util.List.of(new SeparatorMenuItem(),
                item("menu-import-file", "menu.importFile", () -> controller.chooseAndImportFile(window.stage())),
                item("menu-import-folder", "menu.importFolder", () -> controller.chooseAndImportFolder(window.stage())),
                item("menu-watch-project", "menu.watchProject", () -> controller.chooseAndWatchProject(window.stage())),
                new SeparatorMenuItem(),
                item("menu-backup", "menu.backup", () -> controller.backUpNow(window.stage())),
                item("menu-restore", "menu.restore", () -> controller.chooseAndRestore(window.stage())),
                item("menu-export-all", "menu.exportAll", () -> controller.chooseAndExportAll(window.stage()))));
        Menu help = menu(bar, "menu-help", "menu.help", bar.getMenus().size());
        help.getItems().addAll(
                item("menu-verify", "menu.verify", () -> controller.verifyStore(window.stage())),
                item("menu-pre-upgrade", "menu.preUpgrade", () -> controller.prepareForUpgrade(window.stage())));
    }

    /** The window's menu with this id (its text depends on the language), or a new one at {@code at}. */
    private static Menu menu(MenuBar bar, String id, String key, int at) {
        return bar.getMenus().stream().filter(m -> id.equals(m.getId())).findFirst().orElseGet(() -> {
            Menu m = new Menu(Texts.of("window").get(key));
            m.setId(id);
            bar.getMenus().add(at, m);
            return m;
        });
    }

    private static MenuItem item(String id, String key, Runnable action) {
        MenuItem item = new MenuItem(T.get(key));
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }
}
