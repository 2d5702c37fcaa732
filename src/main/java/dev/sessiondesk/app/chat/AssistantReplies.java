package dev.sessiondesk.app.chat;

import dev.sessiondesk.app.assistant.ReplyHandle;
import dev.sessiondesk.app.assistant.ReplyListener;
import dev.sessiondesk.app.assistant.ReplyOutcome;
import dev.sessiondesk.app.assistant.ReplyService;
import dev.sessiondesk.app.assistant.ReplyState;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.model.AppendResult;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GUI's reply seam over {@link ReplyService}: the window has committed the user's message, this
 * streams the answer into that same session and announces every step on {@link SessionChanges}, so
 * the windows showing the session re-read it (they coalesce the announcements). A failure's message
 * is kept per session until the next reply starts, for the window's Retry bar.
 */
public final class AssistantReplies implements ReplyStarter {
    private static final Logger LOG = LoggerFactory.getLogger(AssistantReplies.class);

    private final ReplyService replies;
    private final SessionChanges changes;
    private final Map<String, UserText> problems = new ConcurrentHashMap<>();

    public AssistantReplies(ReplyService replies, SessionChanges changes) {
        this.replies = replies;
        this.changes = changes;
    }

    @Override
    public void userMessageCommitted(String sessionId, AppendResult userMessage) {
        retry(sessionId); // the message is committed already: answering the session's last user message is retry
    }

    @Override
    public void stop(String sessionId) {
        replies.activeReply(sessionId).ifPresent(ReplyHandle::stop);
    }

    @Override
    public void retry(String sessionId) {
        // The message is committed already: answering the session's last user message is what retry does.
        begin(sessionId, listener -> replies.retry(sessionId, listener));
    }

    @Override
    public void continueReply(String sessionId) {
        begin(sessionId, listener -> replies.continueReply(sessionId, listener));
    }

    @Override
    public boolean replying(String sessionId) {
        return replies.activeReply(sessionId).map(h -> !h.state().isFinal()).orElse(false);
    }

    @Override
    public Optional<UserText> problem(String sessionId) {
        return Optional.ofNullable(problems.get(sessionId));
    }

    private void begin(String sessionId, Function<ReplyListener, ReplyHandle> start) {
        if (replying(sessionId)) {
            return; // one reply per session at a time
        }
        problems.remove(sessionId);
        ReplyHandle handle = start.apply(new ReplyListener() {
            @Override
            public void stateChanged(ReplyState state) {
                changes.changed(sessionId);
            }

            @Override
            public void delta(String text) {
                changes.changed(sessionId);
            }

            @Override
            public void failed(String message) {
                problems.put(sessionId, UserText.plain(message));
            }

            @Override
            public void failed(UserText message) {
                problems.put(sessionId, message);
            }

            @Override
            public void finished(ReplyOutcome outcome) {
                changes.changed(sessionId);
            }
        });
        // The automatic title is written after the first complete exchange: show it when it lands.
        handle.title().whenComplete((title, e) -> {
            if (title != null && title.isPresent()) {
                LOG.debug("session {} is now titled {}", sessionId, title.get());
                changes.changed(sessionId);
            }
        });
        changes.changed(sessionId);
    }
}
