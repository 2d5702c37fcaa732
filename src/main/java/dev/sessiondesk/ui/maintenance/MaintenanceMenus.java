package dev.sessiondesk.ui.maintenance;

import dev.sessiondesk.ui.chat.ChatWindow;
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
    private final MaintenanceController controller;
    private final ChatWindow window;

    public MaintenanceMenus(MaintenanceController controller, ChatWindow window) {
        this.controller = controller;
        this.window = window;
    }

    public void addTo(MenuBar bar) {
        Menu file = bar.getMenus().stream().filter(m -> "File".equals(m.getText())).findFirst().orElseGet(() -> {
            Menu m = new Menu("File");
            bar.getMenus().add(0, m);
            return m;
        });
        // Before the last separator (Close Window, Quit), or at the end when there is none.
        int at = file.getItems().size();
        for (int i = file.getItems().size() - 1; i >= 0; i--) {
            if (file.getItems().get(i) instanceof SeparatorMenuItem) {
                at = i;
                break;
            }
        }
        file.getItems().addAll(at, java.util.List.of(new SeparatorMenuItem(),
                item("menu-import-file", "Import File…", () -> controller.chooseAndImportFile(window.stage())),
                item("menu-import-folder", "Import Folder…", () -> controller.chooseAndImportFolder(window.stage())),
                item("menu-watch-project", "Watch Agent Project…", () -> controller.chooseAndWatchProject(window.stage())),
                new SeparatorMenuItem(),
                item("menu-backup", "Back Up Now", () -> controller.backUpNow(window.stage())),
                item("menu-restore", "Restore…", () -> controller.chooseAndRestore(window.stage())),
                item("menu-export-all", "Export All…", () -> controller.chooseAndExportAll(window.stage()))));
        Menu help = bar.getMenus().stream().filter(m -> "Help".equals(m.getText())).findFirst().orElseGet(() -> {
            Menu m = new Menu("Help");
            bar.getMenus().add(m);
            return m;
        });
        help.getItems().addAll(
                item("menu-verify", "Verify Store", () -> controller.verifyStore(window.stage())),
                item("menu-pre-upgrade", "Prepare for Upgrade", () -> controller.prepareForUpgrade(window.stage())));
    }

    private static MenuItem item(String id, String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }
}
