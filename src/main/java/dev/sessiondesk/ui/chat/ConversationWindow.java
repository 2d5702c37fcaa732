package dev.sessiondesk.ui.chat;

import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;

/** What the message actions need of the window they act in (its view model, or a test's stand-in). */
public interface ConversationWindow {
    ReadOnlyStringProperty sessionIdProperty();

    default String sessionId() {
        return sessionIdProperty().get();
    }

    /** The messages shown (the actions replace one in place when it is hidden or shown again). */
    ObservableList<Message> messages();

    /** Moves the window to another session: its binding and fingerprint are saved with it (P4). */
    void show(Session session, List<Message> messages);

    /** When another window shows {@code sessionId}, focuses it and returns true. */
    boolean focusWindowShowing(String sessionId);

    void status(StatusKind kind, String text);

    /** "Duplicate from here": a new session with messages 1..seq; {@code opened} gets its id. */
    void duplicateFrom(int seq, java.util.function.Consumer<String> opened);

    /** Sessions were created or changed: session lists refresh. */
    void sessionsChanged();
}
