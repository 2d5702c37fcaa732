package dev.sessiondesk.ui.chat;

import dev.sessiondesk.app.chat.ReplyStarter;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.ui.i18n.Texts;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;

/**
 * The assistant's side of a chat window: whether a reply streams into its session, why the last one
 * failed, whether it was cut short, and Stop / Retry / Continue. Keyed by the window's session id.
 */
public final class ReplyBar {
    private static final Texts T = Texts.of("actions");
    private final ChatViewModel conversation;
    private final ReplyStarter replies;
    private final StatusLine status;
    private final TaskRunner runner;
    private final SimpleBooleanProperty replying = new SimpleBooleanProperty();
    private final SimpleStringProperty problem = new SimpleStringProperty();
    private final SimpleBooleanProperty interrupted = new SimpleBooleanProperty();

    ReplyBar(ChatViewModel conversation, ReplyStarter replies, StatusLine status, TaskRunner runner) {
        this.conversation = conversation;
        this.replies = replies;
        this.status = status;
        this.runner = runner;
    }

    /** Reads whether a reply streams into this session, its last problem, and whether it ended cut short. */
    void update() {
        String sid = conversation.sessionId();
        if (sid == null) {
            return;
        }
        boolean now = replies.replying(sid);
        String lastProblem = replies.problem(sid).map(Texts::say).orElse(null);
        boolean was = replying.get();
        replying.set(now);
        if (now && status.kindProperty().get() != StatusKind.ERROR) {
            status.report(StatusKind.INFO, T.get("reply.replying"));
        } else if (was && lastProblem == null) {
            status.savedNow();
        }
        problem.set(now ? null : lastProblem);
        List<Message> shown = conversation.messages();
        Message last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
        interrupted.set(!now && last != null && last.role() == Role.ASSISTANT && last.state() == MessageState.INTERRUPTED);
        if (!now && lastProblem != null) {
            status.report(StatusKind.ERROR, T.get("reply.failed"));
        }
    }

    /** Stop (or Esc): the partial reply is kept and marked stopped. */
    public void stop() {
        String sid = conversation.sessionId();
        if (sid != null && replying.get()) {
            replies.stop(sid);
        }
    }

    /** Asks again for an answer to the last message of yours. */
    public void retry() {
        startAgain(true);
    }

    /** Asks the assistant to carry on after an interrupted or stopped reply. */
    public void continueReply() {
        startAgain(false);
    }

    private void startAgain(boolean retry) {
        String sid = conversation.sessionId();
        if (sid == null || replying.get() || conversation.bannerProperty().get() != null) {
            return;
        }
        problem.set(null);
        interrupted.set(false);
        replying.set(true);
        status.report(StatusKind.SAVING, T.get(retry ? "reply.asking" : "reply.continuing"));
        BackgroundTask.run((retry ? "retry" : "continue") + " the reply in session " + sid, () -> {
                    if (retry) {
                        replies.retry(sid);
                    } else {
                        replies.continueReply(sid);
                    }
                })
                .onSuccess(v -> conversation.refresh())
                .onError(status::error)
                .executeWith(runner);
    }

    public ReadOnlyBooleanProperty replyingProperty() {
        return replying;
    }

    /** The last reply's problem (names the endpoint), or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    /** The newest message is a reply that was cut short (the app or the endpoint failed mid-reply). */
    public ReadOnlyBooleanProperty interruptedProperty() {
        return interrupted;
    }
}
