package dev.sessiondesk.ui.sync;

import dev.sessiondesk.ui.i18n.Texts;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Preferences → Sync: the view over {@link SyncSettingsViewModel}. */
public final class SyncSettingsDialog {
    private static final Texts TEXTS = Texts.of("sync");

    private final Stage stage = new Stage();
    private final SyncSettingsViewModel model;

    public SyncSettingsDialog(Window owner, SyncSettingsViewModel model) {
        this.model = model;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(TEXTS.get("dialog.title"));
        Label intro = new Label(TEXTS.get("dialog.intro"));
        intro.setWrapText(true);
        intro.setMaxWidth(520);
        TextField url = new TextField();
        url.setId("sync-url");
        url.setPromptText(TEXTS.get("dialog.url.prompt"));
        url.setAccessibleText(TEXTS.get("dialog.url"));
        url.textProperty().bindBidirectional(model.url());
        PasswordField password = new PasswordField();
        password.setId("sync-password");
        password.setPromptText(TEXTS.get("dialog.password.prompt"));
        password.setAccessibleText(TEXTS.get("dialog.password"));
        password.textProperty().bindBidirectional(model.password());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label(TEXTS.get("dialog.url")), url);
        grid.addRow(1, new Label(TEXTS.get("dialog.password")), password);
        GridPane.setHgrow(url, Priority.ALWAYS);
        Label result = new Label();
        result.setId("sync-result");
        result.setWrapText(true);
        result.setMaxWidth(520);
        result.textProperty().bind(model.result());
        result.styleProperty().bind(javafx.beans.binding.Bindings.when(model.problem())
                .then("-fx-text-fill: -color-danger-fg, #b00020;").otherwise(""));
        Button test = new Button(TEXTS.get("dialog.test"));
        test.setId("sync-test");
        test.disableProperty().bind(model.busy());
        test.setOnAction(e -> model.test());
        Button save = new Button(TEXTS.get("dialog.save"));
        save.setId("sync-save");
        save.setDefaultButton(true);
        save.setOnAction(e -> {
            if (model.save()) {
                stage.close();
            }
        });
        Button cancel = new Button(TEXTS.get("dialog.cancel"));
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        HBox buttons = new HBox(8, test, save, cancel);
        VBox root = new VBox(12, intro, grid, result, buttons);
        if (model.environmentWins()) {
            Label env = new Label(TEXTS.get("dialog.envWins"));
            env.setWrapText(true);
            env.setMaxWidth(520);
            root.getChildren().add(1, env);
        }
        root.setPadding(new Insets(16));
        stage.setScene(new Scene(root));
    }

    public void show() {
        stage.show();
    }

    public Stage stage() {
        return stage;
    }
}
