package dev.sessiondesk.ui.maintenance;

import dev.sessiondesk.app.backup.BackupRecord;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Window;

/** File → Restore…: the backups from the catalog (newest first) with their figures; pick one, confirm. */
final class RestoreChooser {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private RestoreChooser() {
    }

    static Optional<BackupRecord> choose(Window owner, List<BackupRecord> backups) {
        TableView<BackupRecord> table = new TableView<>();
        table.setId("backup-table");
        table.getColumns().add(column("Taken", b -> WHEN.format(b.createdAt())));
        table.getColumns().add(column("Why", BackupRecord::reason));
        table.getColumns().add(column("Size", b -> MaintenanceController.size(b.sizeBytes())));
        table.getColumns().add(column("Sessions", b -> String.valueOf(b.sessionCount())));
        table.getColumns().add(column("Messages", b -> String.valueOf(b.messageCount())));
        table.getColumns().add(column("Verified", b -> b.verified() ? "yes" : "no"));
        table.getItems().setAll(backups);
        table.setPlaceholder(new javafx.scene.control.Label("There are no backups yet: use File → Back Up Now."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefSize(640, 280);
        if (!backups.isEmpty()) {
            table.getSelectionModel().select(0);
        }
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Restore");
        dialog.setHeaderText("Every session goes back to how it was in the chosen backup.\n"
                + "The store as it is now is saved as a backup first, so this can be undone.");
        ButtonType restore = new ButtonType("Restore", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(restore, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(restore).disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        dialog.getDialogPane().setContent(table);
        return dialog.showAndWait().filter(restore::equals)
                .map(ok -> table.getSelectionModel().getSelectedItem());
    }

    private static TableColumn<BackupRecord, String> column(String title,
                                                            java.util.function.Function<BackupRecord, String> value) {
        TableColumn<BackupRecord, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }
}
