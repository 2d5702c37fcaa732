package dev.sessiondesk.ui.maintenance;

import dev.sessiondesk.app.backup.BackupRecord;
import dev.sessiondesk.app.upgrade.UpgradeCheck;
import dev.sessiondesk.ui.i18n.Texts;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;

/**
 * Shown instead of the windows when the first start after an upgrade finds the store does not hold
 * what the upgrade manifest recorded: what is wrong (per session and window), and three ways on —
 * restore the newest verified backup, export what is intact, or continue anyway.
 */
public final class RecoveryDialog {
    private static final Texts TEXTS = Texts.of("recovery");
    private final UpgradeCheck.Report report;
    private final BackupRecord latestBackup;
    private final MaintenanceController controller;
    private final Stage stage = new Stage();

    public RecoveryDialog(UpgradeCheck.Report report, BackupRecord latestBackup, MaintenanceController controller) {
        this.report = report;
        this.latestBackup = latestBackup;
        this.controller = controller;
    }

    /** What the dialog says is wrong, one line per session or window. */
    public List<String> problems() {
        return report.problems();
    }

    /** The backup "Restore" would use, or null when there is none. */
    public BackupRecord restoreCandidate() {
        return latestBackup;
    }

    /** @param quit what closing the dialog does: with no windows yet, closing it ends the app */
    public void show(Runnable continueAnyway, Runnable quit) {
        stage.setOnCloseRequest(e -> quit.run());
        stage.setTitle(TEXTS.get("upgrade.title"));
        Label headline = new Label(TEXTS.get("upgrade.headline", report.fromVersion(), report.problems().size()));
        headline.setId("recovery-headline");
        headline.setWrapText(true);
        headline.getStyleClass().addAll("dialog-heading", "report-problem");
        List<String> lines = new ArrayList<>(Texts.say(report.problemTexts()));
        if (report.manifest() != null) {
            lines.add("");
            lines.add(TEXTS.get("upgrade.checkedAgainst", String.valueOf(report.manifest())));
        }
        TextArea text = new TextArea(String.join("\n", lines));
        text.setId("recovery-problems");
        text.setEditable(false);
        text.setWrapText(true);
        Button restore = new Button(latestBackup == null ? TEXTS.get("upgrade.restoreNone")
                : TEXTS.get("upgrade.restore", latestBackup.fileName()));
        restore.setId("recovery-restore");
        restore.setDisable(latestBackup == null);
        restore.setOnAction(e -> {
            stage.close();
            controller.restore(null, latestBackup);
        });
        Button export = new Button(TEXTS.get("store.damaged.export"));
        export.setId("recovery-export");
        export.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(TEXTS.get("upgrade.exportTitle"));
            File d = chooser.showDialog(stage);
            if (d != null) {
                controller.exportIntact(stage, d.toPath());
            }
        });
        Button cont = new Button(TEXTS.get("upgrade.continue"));
        cont.setId("recovery-continue");
        cont.setOnAction(e -> {
            stage.close();
            continueAnyway.run();
        });
        HBox buttons = new HBox(8, restore, export, cont);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        Label hint = new Label(TEXTS.get("upgrade.hint"));
        hint.setWrapText(true);
        VBox root = new VBox(10, headline, text, hint, buttons);
        root.setPadding(new Insets(16));
        root.setPrefSize(700, 420);
        VBox.setVgrow(text, Priority.ALWAYS);
        Scene scene = new Scene(root);
        scene.getStylesheets().add(Objects.requireNonNull(
                RecoveryDialog.class.getResource("/dev/sessiondesk/ui/sessiondesk.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    public Stage stage() {
        return stage;
    }
}
