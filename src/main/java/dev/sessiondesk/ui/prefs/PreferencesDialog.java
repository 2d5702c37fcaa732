package dev.sessiondesk.ui.prefs;

import dev.sessiondesk.app.assistant.AssistantSelection;
import dev.sessiondesk.app.assistant.AssistantSettings;
import dev.sessiondesk.app.assistant.Cancellation;
import dev.sessiondesk.app.assistant.ChatTurn;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.ui.i18n.Texts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Edit → Preferences…: which assistant answers. Save writes the 0600 settings file in the config
 * folder (the API key goes nowhere else: not the store, not the log) and switches the assistant
 * for the next reply. "Test connection" asks the endpoint for a one-word answer.
 */
public final class PreferencesDialog {
    private static final Texts T = Texts.of("prefs");
    private final Stage stage = new Stage();
    private final TextField endpoint = new TextField();
    private final TextField model = new TextField();
    private final PasswordField apiKey = new PasswordField();
    private final Spinner<Integer> connect = new Spinner<>(1, 600, 10);
    private final Spinner<Integer> firstByte = new Spinner<>(1, 3600, 120);
    private final Spinner<Integer> idle = new Spinner<>(1, 3600, 60);
    private final Label result = new Label();
    private final AssistantSelection assistants;
    private final Path configDir;
    private final TaskRunner runner;
    private final Consumer<String> saved;
    private final HBox buttons;

    public PreferencesDialog(Window owner, AssistantSelection assistants, Path configDir, TaskRunner runner,
                             Consumer<String> saved) {
        this.assistants = assistants;
        this.configDir = configDir;
        this.runner = runner;
        this.saved = saved;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(T.get("title"));
        AssistantSettings now = assistants.settings();
        endpoint.setText(now.endpoint());
        endpoint.setPromptText(T.get("endpoint.prompt"));
        endpoint.setId("pref-endpoint");
        model.setText(now.model());
        model.setId("pref-model");
        apiKey.setText(now.apiKey());
        apiKey.setId("pref-api-key");
        connect.getValueFactory().setValue((int) Math.max(1, now.connectTimeout().toSeconds()));
        firstByte.getValueFactory().setValue((int) Math.max(1, now.firstByteTimeout().toSeconds()));
        idle.getValueFactory().setValue((int) Math.max(1, now.idleTimeout().toSeconds()));
        for (Spinner<Integer> s : List.of(connect, firstByte, idle)) {
            s.setEditable(true);
        }

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        int row = 0;
        grid.addRow(row++, labelFor("endpoint", endpoint), endpoint);
        grid.addRow(row++, labelFor("model", model), model);
        grid.addRow(row++, labelFor("api-key", apiKey), apiKey);
        grid.addRow(row++, labelFor("connect", connect), connect);
        grid.addRow(row++, labelFor("first-byte", firstByte), firstByte);
        grid.addRow(row, labelFor("idle", idle), idle);
        GridPane.setHgrow(endpoint, Priority.ALWAYS);
        endpoint.setPrefColumnCount(30);

        result.setId("pref-result");
        result.setWrapText(true);
        Button test = new Button(T.get("test"));
        test.setId("pref-test");
        test.setOnAction(e -> testConnection());
        Button cancel = new Button(T.get("cancel"));
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        Button save = new Button(T.get("save"));
        save.setId("pref-save");
        save.setDefaultButton(true);
        save.setOnAction(e -> save());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        buttons = new HBox(8, test, spacer, cancel, save);
        Label where = new Label(T.get("where", configDir.resolve(AssistantSettings.FILE_NAME).toString()));
        where.setWrapText(true);
        where.getStyleClass().add("session-meta");
        VBox root = new VBox(12, grid, where, result, buttons);
        root.setPadding(new Insets(16));
        stage.setScene(new Scene(root, 560, 360));
    }

    /** Another feature's button beside Test connection (e.g. the local API's pairing dialog). */
    public void addButton(Button button) {
        buttons.getChildren().add(1, button);
    }

    public void show() {
        stage.show();
    }

    public Stage stage() {
        return stage;
    }

    private AssistantSettings entered() {
        return AssistantSettings.endpoint(endpoint.getText(), model.getText(), apiKey.getText())
                .withTimeouts(Duration.ofSeconds(connect.getValue()), Duration.ofSeconds(firstByte.getValue()),
                        Duration.ofSeconds(idle.getValue()));
    }

    /** What the fields say, or null once the dialog shows why they cannot be used. */
    private AssistantSettings enteredOrExplained() {
        try {
            return entered();
        } catch (IllegalArgumentException e) {
            result.setText(e.getMessage());
            return null;
        }
    }

    private void save() {
        AssistantSettings settings = enteredOrExplained();
        if (settings == null) {
            return;
        }
        result.setText(T.get("saving"));
        BackgroundTask.run("save the assistant settings", () -> {
                    settings.save(configDir);
                    assistants.use(settings);
                })
                .onSuccess(v -> {
                    stage.close();
                    saved.accept(settings.isOffline() ? T.get("saved.offline") : T.get("saved.endpoint", settings.endpoint()));
                })
                .onError(e -> result.setText(T.get("not-saved", e.getMessage())))
                .executeWith(runner);
    }

    private void testConnection() {
        AssistantSettings settings = enteredOrExplained();
        if (settings == null) {
            return;
        }
        result.setText(settings.isOffline() ? T.get("asking.offline") : T.get("asking", settings.endpoint()));
        BackgroundTask.supply("test the assistant connection", () -> {
                    StringBuilder answer = new StringBuilder();
                    Cancellation enough = new Cancellation();
                    settings.createAssistant().streamReply(List.of(new ChatTurn(Role.USER, "Reply with the word OK.")),
                            delta -> {
                                answer.append(delta);
                                if (answer.length() > 40) {
                                    enough.cancel();
                                }
                            }, enough);
                    return answer.toString().strip();
                })
                .onSuccess(text -> result.setText(T.get("connected", abbreviate(text))))
                .onError(e -> result.setText(T.get("cannot-connect", e.getMessage())))
                .executeWith(runner);
    }

    /** A label that names {@code field} for screen readers too (a spinner's text field as well). */
    private static Label labelFor(String key, javafx.scene.control.Control field) {
        Label label = new Label(T.get("label." + key));
        label.setLabelFor(field);
        field.setAccessibleText(label.getText());
        if (field instanceof Spinner<?> spinner) {
            spinner.getEditor().setAccessibleText(label.getText());
        }
        return label;
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
