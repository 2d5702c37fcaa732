package dev.sessiondesk.ui.maintenance;

import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.app.importer.ImportProgress;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A small window with a progress bar for long maintenance work (import, backup, restore, verify).
 * The work reports from its own thread; every update is handed to the FX thread here.
 */
public final class ProgressDialog {
    private final Stage stage = new Stage();
    private final ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    private final Label message = new Label("Starting…");

    public ProgressDialog(Window owner, String title) {
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(title);
        Label heading = new Label(title);
        heading.getStyleClass().add("dialog-heading");
        bar.setId("progress-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        message.setId("progress-message");
        message.setWrapText(true);
        VBox root = new VBox(10, heading, bar, message);
        root.setPadding(new Insets(16));
        root.setPrefWidth(460);
        stage.setScene(new Scene(root));
        stage.setResizable(false);
    }

    public ProgressDialog show() {
        stage.show();
        return this;
    }

    /** A {@link Progress} that may be called from any thread. */
    public Progress progress() {
        return (fraction, text) -> Platform.runLater(() -> {
            bar.setProgress(Math.max(0, Math.min(1, fraction)));
            message.setText(text);
        });
    }

    /** An {@link ImportProgress} that may be called from any thread. */
    public ImportProgress importProgress() {
        return (source, done, total, sessionsSoFar) -> Platform.runLater(() -> {
            bar.setProgress(total > 0 ? Math.min(1, (double) done / total) : ProgressBar.INDETERMINATE_PROGRESS);
            message.setText(source + " — " + sessionsSoFar + " session(s) so far");
        });
    }

    public void close() {
        stage.close();
    }

    public Stage stage() {
        return stage;
    }
}
