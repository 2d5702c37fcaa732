package dev.sessiondesk.ui.chat;

import dev.sessiondesk.ui.i18n.Texts;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A chat window's status bar text and its kind: what was saved when, what is saving, what failed and why. */
public final class StatusLine {
    private static final Logger LOG = LoggerFactory.getLogger(StatusLine.class);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final Texts T = Texts.of("app");

    private final String windowId;
    private final Clock clock;
    private final SimpleStringProperty text = new SimpleStringProperty(T.get("status.opening"));
    private final SimpleObjectProperty<StatusKind> kind = new SimpleObjectProperty<>(StatusKind.INFO);
    private boolean showingBackgroundFailure;

    StatusLine(String windowId, Clock clock) {
        this.windowId = windowId;
        this.clock = clock;
    }

    public void report(StatusKind newKind, String newText) {
        kind.set(newKind);
        text.set(newText);
    }

    /** "Saved 14:02:11": the last commit of this window. */
    void savedNow() {
        report(StatusKind.SAVED, T.get("status.saved", LocalTime.now(clock).format(TIME)));
    }

    /** A task of this window failed: its message (which names what and where) goes to the status bar. */
    void error(Throwable error) {
        LOG.warn("window {}: {}", windowId, error.getMessage());
        report(StatusKind.ERROR, error.getMessage());
    }

    /** A draft or layout save failed in the background: say so, keep the text. */
    public void backgroundSaveFailed(RuntimeException error) {
        showingBackgroundFailure = true;
        report(StatusKind.ERROR, StoreErrorText.isTransient(error)
                ? StoreErrorText.forDraft(error)
                : T.get("status.notSaved", String.valueOf(error.getMessage())));
    }

    /** "12 messages": what a session holds, as the status bar says when it is shown. */
    void messageCount(int count) {
        report(StatusKind.INFO, T.get("status.messages", count));
    }

    public void backgroundSaveRecovered() {
        if (showingBackgroundFailure && kind.get() == StatusKind.ERROR) {
            showingBackgroundFailure = false;
            savedNow();
        }
    }

    /** The one line for an exception nothing caught: its kind and first line (the stack is in the log). */
    public static String uncaught(Throwable error) {
        String message = error.getMessage() == null ? "" : error.getMessage().lines().findFirst().orElse("");
        String kind = error.getClass().getSimpleName();
        return T.get("uncaught", message.isBlank() ? kind : kind + ": " + message);
    }

    public ReadOnlyStringProperty textProperty() {
        return text;
    }

    public ReadOnlyObjectProperty<StatusKind> kindProperty() {
        return kind;
    }
}
