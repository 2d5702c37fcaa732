package dev.sessiondesk.ui.chat;

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

    private final String windowId;
    private final Clock clock;
    private final SimpleStringProperty text = new SimpleStringProperty("Opening…");
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
        report(StatusKind.SAVED, "Saved " + LocalTime.now(clock).format(TIME));
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
                ? StoreErrorText.forSend(error).replace("your message", "your text")
                : "Not saved: " + error.getMessage());
    }

    public void backgroundSaveRecovered() {
        if (showingBackgroundFailure && kind.get() == StatusKind.ERROR) {
            showingBackgroundFailure = false;
            savedNow();
        }
    }

    public ReadOnlyStringProperty textProperty() {
        return text;
    }

    public ReadOnlyObjectProperty<StatusKind> kindProperty() {
        return kind;
    }
}
