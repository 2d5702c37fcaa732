package dev.sessiondesk.ui.maintenance;

import dev.sessiondesk.ui.i18n.Texts;
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
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The result of a maintenance task: a headline saying whether it went well, the report's lines in
 * a selectable text area (paths and ids can be copied), and the ways forward as buttons.
 */
public final class ReportDialog {
    /** A button next to Close; the dialog closes after it runs. */
    public record Choice(String id, String label, Runnable action) {
    }

    private final Stage stage = new Stage();
    private final Label headline = new Label();
    private final TextArea text = new TextArea();

    public ReportDialog(Window owner, String title, String headlineText, boolean problem, List<String> lines,
                        List<Choice> choices) {
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(title);
        headline.setId("report-headline");
        headline.setText(headlineText);
        headline.setWrapText(true);
        headline.getStyleClass().addAll("dialog-heading", problem ? "report-problem" : "report-ok");
        text.setId("report-text");
        text.setEditable(false);
        text.setWrapText(true);
        text.setText(String.join("\n", lines));
        // Tall enough to show a typical report whole, wrapped lines included; longer ones scroll.
        int rows = lines.stream().mapToInt(l -> Math.max(1, (l.length() + 84) / 85)).sum();
        text.setPrefRowCount(Math.max(4, Math.min(18, rows)));
        HBox buttons = new HBox(8);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        for (Choice c : choices) {
            Button b = new Button(c.label());
            b.setId(c.id());
            b.setOnAction(e -> {
                stage.close();
                c.action().run();
            });
            buttons.getChildren().add(b);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button close = new Button(Texts.of("maintenance").get("report.close"));
        close.setId("report-close");
        close.setDefaultButton(choices.isEmpty());
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        buttons.getChildren().add(0, spacer);
        buttons.getChildren().add(close);
        VBox root = new VBox(10, headline, text, buttons);
        root.setPadding(new Insets(16));
        root.setPrefWidth(640);
        VBox.setVgrow(text, Priority.ALWAYS);
        Scene scene = new Scene(root);
        scene.getStylesheets().add(Objects.requireNonNull(
                ReportDialog.class.getResource("/dev/sessiondesk/ui/sessiondesk.css")).toExternalForm());
        stage.setScene(scene);
    }

    public ReportDialog show() {
        stage.show();
        return this;
    }

    public Stage stage() {
        return stage;
    }

    public String headline() {
        return headline.getText();
    }

    public String text() {
        return text.getText();
    }
}
