package dev.sessiondesk.ui.maintenance;

import dev.sessiondesk.app.backup.BackupRecord;
import dev.sessiondesk.ui.i18n.Texts;
import java.text.NumberFormat;
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
    private static final Texts TEXTS = Texts.of("recovery");

    private RestoreChooser() {
    }

    static Optional<BackupRecord> choose(Window owner, List<BackupRecord> backups) {
        TableView<BackupRecord> table = new TableView<>();
        table.setId("backup-table");
        NumberFormat count = NumberFormat.getIntegerInstance();
        table.getColumns().add(column(TEXTS.get("chooser.taken"), b -> Texts.dateTime(b.createdAt())));
        table.getColumns().add(column(TEXTS.get("chooser.why"), BackupRecord::reason));
        table.getColumns().add(column(TEXTS.get("chooser.size"), b -> MaintenanceController.size(b.sizeBytes())));
        table.getColumns().add(column(TEXTS.get("chooser.sessions"), b -> count.format(b.sessionCount())));
        table.getColumns().add(column(TEXTS.get("chooser.messages"), b -> count.format(b.messageCount())));
        table.getColumns().add(column(TEXTS.get("chooser.verified"),
                b -> TEXTS.get(b.verified() ? "chooser.yes" : "chooser.no")));
        table.getItems().setAll(backups);
        table.setPlaceholder(new javafx.scene.control.Label(TEXTS.get("chooser.empty")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefSize(640, 280);
        if (!backups.isEmpty()) {
            table.getSelectionModel().select(0);
        }
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(TEXTS.get("chooser.title"));
        dialog.setHeaderText(TEXTS.get("chooser.header"));
        ButtonType restore = new ButtonType(TEXTS.get("chooser.restore"), javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
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
