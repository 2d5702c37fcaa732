package dev.sessiondesk.ui.chat;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.StringProperty;

/**
 * Enter while a reply streams: the message waits in the composer ("sends when the reply ends") instead
 * of interrupting the reply, and is sent as soon as the reply ends (complete, stopped or failed). It
 * stays the window's draft until then, so a crash keeps it. Stop stays a separate, explicit action.
 * Clearing the composer, Cancel, or moving the window to another session drops the queueing, never
 * the text.
 */
public final class ReplyQueue {
    private final ReadOnlyBooleanProperty replying;
    private final StringProperty composerText;
    private final Runnable send;
    private final java.util.function.BooleanSupplier hasContent;
    private final SimpleBooleanProperty queued = new SimpleBooleanProperty();

    /**
     * @param send sends the composer's text now (the view model's send, which clears it once committed)
     */
    public ReplyQueue(ReadOnlyBooleanProperty replying, StringProperty composerText, ReadOnlyStringProperty sessionId,
                      Runnable send) {
        this(replying, composerText, sessionId, () -> !composerText.get().isBlank(), send);
    }

    /** @param hasContent whether there is something to send (text, or attachments without text) */
    public ReplyQueue(ReadOnlyBooleanProperty replying, StringProperty composerText, ReadOnlyStringProperty sessionId,
                      java.util.function.BooleanSupplier hasContent, Runnable send) {
        this.hasContent = hasContent;
        this.replying = replying;
        this.composerText = composerText;
        this.send = send;
        replying.addListener((o, was, now) -> {
            if (was && !now && queued.get()) {
                queued.set(false);
                if (hasText()) {
                    send.run();
                }
            }
        });
        composerText.addListener((o, was, now) -> {
            if (now == null || now.isBlank()) {
                queued.set(false);
            }
        });
        sessionId.addListener((o, was, now) -> queued.set(false));
    }

    /** Enter or Send: sends now, or queues while a reply streams. */
    public void submit() {
        if (!hasText()) {
            return;
        }
        if (replying.get()) {
            queued.set(true);
        } else {
            send.run();
        }
    }

    /** Keeps the text in the composer but no longer sends it by itself. */
    public void cancel() {
        queued.set(false);
    }

    /** A message waits for the reply to end. */
    public ReadOnlyBooleanProperty queuedProperty() {
        return queued;
    }

    private boolean hasText() {
        return hasContent.getAsBoolean();
    }
}
