package dev.sessiondesk.ui.chat.transcript;

import static dev.sessiondesk.ui.GuiFixture.fx;
import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.waitFor;

import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.ui.chat.transcript.TranscriptActions.Alternatives;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** A transcript in a window of its own, over a list the test changes, with recorded actions and links. */
final class TranscriptFixture {
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGMwTpsJRww4OQATIg5ZYRTWPQAAAABJRU5ErkJggg==";

    final ObservableList<Message> messages = FXCollections.observableArrayList();
    final RecordingActions actions;
    final List<String> opened = new CopyOnWriteArrayList<>();
    TranscriptView view;
    Stage stage;

    TranscriptFixture(Map<Integer, Alternatives> branches) {
        this.actions = new RecordingActions(branches);
    }

    static Message text(int seq, Role role, String text) {
        return message(seq, role, ContentItems.textArray(text), MessageState.COMPLETE);
    }

    static Message message(int seq, Role role, String json, MessageState state) {
        return new Message(seq, "s1", seq, "m" + seq, role, 1_763_700_000L + seq, json, true, true, state,
                state == MessageState.COMPLETE ? "h" + seq : null);
    }

    TranscriptFixture show(List<Message> initial) throws Exception {
        fx(() -> {
            messages.setAll(initial);
            view = new TranscriptView(messages, actions, opened::add);
            stage = new Stage();
            stage.setScene(new Scene(new StackPane(view.node()), 900, 700));
            stage.show();
            return null;
        });
        waitFor("the transcript page to load", () -> fxGet(() -> view.isLoaded()));
        return this;
    }

    Object js(String script) {
        return fxGet(() -> view.script(script));
    }

    int count(String selector) {
        Object n = js("document.querySelectorAll(" + TranscriptView.js(selector) + ").length");
        return n instanceof Number num ? num.intValue() : -1;
    }

    String text(String selector) {
        Object t = js("(function(){var e=document.querySelector(" + TranscriptView.js(selector)
                + ");return e?e.textContent:null;})()");
        return t == null ? null : t.toString();
    }

    void close() throws Exception {
        fx(() -> {
            stage.close();
            return null;
        });
    }
}
