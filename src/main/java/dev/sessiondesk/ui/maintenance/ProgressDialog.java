package dev.sessiondesk.ui.maintenance;

import dev.sessiondesk.app.importer.ImportProgress;
import dev.sessiondesk.app.tasks.TaskProgress;
import dev.sessiondesk.ui.i18n.Texts;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A small window with a progress bar for long maintenance work (import, backup, restore, verify).
 * The work reports through its {@link dev.sessiondesk.app.tasks.BackgroundTask}, which hands every
 * update to the FX thread; a negative fraction means "no idea how far yet".
 */
public final class ProgressDialog {
    private static final Texts T = Texts.of("maintenance");
    private final Stage stage = new Stage();
    private final ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    private final Label message = new Label(T.get("progress.starting"));

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

    /** Shows how far the work got. FX thread only. */
    public void update(double fraction, String text) {
        bar.setProgress(fraction < 0 ? ProgressBar.INDETERMINATE_PROGRESS : Math.min(1, fraction));
        message.setText(text);
    }

    /** An import's progress as a task's: the fraction of bytes read, and the sessions found so far. */
    public static ImportProgress importProgress(TaskProgress progress) {
        return (source, done, total, sessionsSoFar) -> progress.update(total > 0 ? (double) done / total : -1,
                T.get("progress.import", source, sessionsSoFar));
    }

    public void close() {
        stage.close();
    }

    public Stage stage() {
        return stage;
    }
}
