package dev.sessiondesk.ui.windows;

import dev.sessiondesk.app.assistant.AssistantSettings;
import dev.sessiondesk.ui.i18n.Texts;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * What an empty conversation shows: who will answer (the offline demo, or which model at which
 * endpoint), a button to connect an assistant, and the main keys. Re-read each time the window
 * gets the focus, so a change in Preferences shows at once.
 */
final class EmptyChatView extends VBox {
    private static final Texts T = Texts.of("window");
    private final Label who = new Label();
    private final Supplier<AssistantSettings> assistant;

    EmptyChatView(Supplier<AssistantSettings> assistant, Runnable connect) {
        super(10);
        this.assistant = assistant;
        getStyleClass().add("empty-state");
        setId("empty-state");
        setAlignment(Pos.CENTER);
        setMaxWidth(520);
        Label headline = new Label(T.get("empty.headline"));
        headline.getStyleClass().add("empty-state-headline");
        who.setId("empty-who-answers");
        who.setWrapText(true);
        who.getStyleClass().add("empty-state-text");
        Button connectButton = new Button(T.get("empty.connect"));
        connectButton.setId("empty-connect");
        connectButton.setOnAction(e -> connect.run());
        Label keys = new Label(T.get("empty.keys"));
        keys.setWrapText(true);
        keys.getStyleClass().add("empty-state-text");
        getChildren().addAll(headline, who, connectButton, keys);
        refresh();
    }

    void refresh() {
        AssistantSettings s = assistant.get();
        who.setText(s == null || s.isOffline() ? T.get("empty.offline")
                : T.get("empty.endpoint", s.endpoint(), s.model() == null || s.model().isBlank() ? T.get("empty.default-model") : s.model()));
    }

    String whoAnswers() {
        return who.getText();
    }
}
