package dev.sessiondesk.ui.chat;

import dev.sessiondesk.app.assistant.SessionAssistants;
import dev.sessiondesk.app.chat.Attachment;
import dev.sessiondesk.app.chat.MessageAppending;
import dev.sessiondesk.app.chat.ReplyStarter;
import dev.sessiondesk.app.chat.SessionReading;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.app.windows.DraftService;
import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.ui.i18n.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chat window's composer: the unsent text (kept as a draft while it is typed) and Send. The text
 * leaves the composer only after the store committed the message (P1); a locked or full store keeps
 * it there, says why, and retries.
 */
public final class Composer {
    private static final Logger LOG = LoggerFactory.getLogger(Composer.class);
    static final Duration RETRY_DELAY = Duration.ofSeconds(2);

    private final ChatViewModel conversation;
    private final MessageAppending appending;
    private final SessionReading reading;
    private final ReplyStarter replies;
    private final StatusLine status;
    private final TaskRunner runner;
    private final RetryScheduler retries;
    private final StringProperty text = new SimpleStringProperty("");
    private final ComposerAttachments attachments;
    private final ReplyQueue queue;
    private final AssistantChoice assistantChoice;
    private final SimpleBooleanProperty sending = new SimpleBooleanProperty();
    private boolean retryScheduled;

    Composer(ChatViewModel conversation, MessageAppending appending, SessionReading reading, ReplyStarter replies,
             DraftService drafts, StatusLine status, TaskRunner runner, RetryScheduler retries,
             SessionAssistants assistants) {
        this.conversation = conversation;
        this.appending = appending;
        this.reading = reading;
        this.replies = replies;
        this.status = status;
        this.runner = runner;
        this.retries = retries;
        this.attachments = new ComposerAttachments(runner);
        this.queue = new ReplyQueue(conversation.replyBar().replyingProperty(), text, conversation.sessionIdProperty(),
                this::hasContent, this::send);
        this.assistantChoice = new AssistantChoice(assistants, runner, conversation.sessionIdProperty());
        // The draft is what would be sent: the typed text and the large texts waiting as attachments.
        text.addListener((obs, old, now) -> drafts.update(conversation.windowId(), draft()));
        attachments.pending().addListener((ListChangeListener<Attachment>) c -> drafts.update(conversation.windowId(), draft()));
    }

    /** Enter in the composer. The message shows as sent only after the store committed it (P1). */
    public void send() {
        String typed = text.get();
        String sid = conversation.sessionId();
        List<Attachment> attached = List.copyOf(attachments.pending());
        if (!hasContent() || sending.get() || sid == null || conversation.bannerProperty().get() != null) {
            return;
        }
        sending.set(true);
        status.report(StatusKind.SAVING, Texts.of("composer").get("saving"));
        int fromSeq = conversation.nextSeqToRead();
        String body = typed == null ? "" : typed.strip();
        BackgroundTask.supply("send a message to session " + sid, () -> {
                    NewMessage message = new NewMessage(null, Role.USER, Instant.now().getEpochSecond(),
                            Attachment.messageContent(body, attached), true, true);
                    AppendResult committed = appending.append(sid, message);
                    startReply(sid, committed);
                    return reading.readFrom(sid, fromSeq);
                })
                .onSuccess(fresh -> {
                    attachments.sent(attached);
                    sent(sid, typed == null ? "" : typed, fromSeq, fresh);
                })
                .onError(error -> {
                    sending.set(false);
                    LOG.warn("message for session {} not saved (kept in the composer): {}", sid, error.getMessage());
                    status.report(StatusKind.ERROR, StoreErrorText.forSend(error));
                    if (StoreErrorText.isTransient(error) && !retryScheduled) {
                        retryScheduled = true;
                        retries.after(RETRY_DELAY, () -> {
                            retryScheduled = false;
                            send();
                        });
                    }
                })
                .executeWith(runner);
    }

    private void sent(String sid, String typed, int fromSeq, List<Message> fresh) {
        sending.set(false);
        retryScheduled = false;
        String now = text.get();
        if (now.equals(typed)) {
            text.set("");
        } else if (now.startsWith(typed)) {
            text.set(now.substring(typed.length())); // typed on while it was saving
        }
        boolean stillHere = sid.equals(conversation.sessionId());
        if (stillHere) {
            conversation.merge(fromSeq, fresh);
        }
        status.savedNow();
        if (stillHere) {
            conversation.replyBar().update();
            conversation.refresh(); // reply progress announced while the send was finishing was skipped
        }
        conversation.sessionsChanged();
    }

    private void startReply(String sid, AppendResult committed) {
        try {
            replies.userMessageCommitted(sid, committed);
        } catch (RuntimeException e) {
            LOG.error("the reply starter failed for session {}", sid, e);
        }
    }

    /**
     * Restores the unsent text after a restart. A draft too large for the text field (a big paste from the
     * last run) comes back whole as an attachment instead, so the window opens at once and nothing is lost.
     */
    public void restoreDraft(String draft) {
        if (draft != null && draft.length() > ComposerAttachments.LARGE_TEXT_CHARS) {
            text.set("");
            attachments.restoreLargeDraft(draft);
        } else {
            text.set(draft == null ? "" : draft);
        }
    }

    private String draft() {
        String typed = text.get() == null ? "" : text.get();
        String large = attachments.largeText();
        return large.isEmpty() ? typed : typed.isEmpty() ? large : typed + "\n\n" + large;
    }

    /** Whether there is anything to send: text, or attachments. */
    public boolean hasContent() {
        String typed = text.get();
        return (typed != null && !typed.isBlank()) || !attachments.pending().isEmpty();
    }

    /** Enter and Send: sends now, or queues while a reply streams (it then sends when the reply ends). */
    public void submit() {
        queue.submit();
    }

    public ReplyQueue queue() {
        return queue;
    }

    /** The session's model and system prompt. */
    public AssistantChoice assistantChoice() {
        return assistantChoice;
    }

    /** Images and files waiting to go with the next message. */
    public ComposerAttachments attachments() {
        return attachments;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ReadOnlyBooleanProperty sendingProperty() {
        return sending;
    }
}
