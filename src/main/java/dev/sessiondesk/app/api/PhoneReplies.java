package dev.sessiondesk.app.api;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.assistant.ReplyHandle;
import dev.sessiondesk.app.assistant.ReplyListener;
import dev.sessiondesk.app.assistant.ReplyOutcome;
import dev.sessiondesk.app.chat.SessionChanges;
import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A message written from a phone: saved through the store's writer (committed before the API
 * answers, P1), then answered by the desktop's own assistant ({@code ReplyService}), the reply
 * checkpointed while it streams exactly like one asked from a window. Every step is announced on
 * the in-process change feed, so a desktop window on that session shows both as they happen.
 */
final class PhoneReplies {
    /** A reply is already streaming into the session (one at a time, as in a window). */
    static final class Busy extends Exception {
        Busy(String sessionId) {
            super("a reply is already streaming into session " + sessionId + "; wait for it to finish");
        }
    }

    /** The user's committed message and the running reply. */
    record Started(AppendResult userMessage, ReplyHandle reply) {
    }

    private final SessionDesk desk;
    private final SessionChanges changes;
    private final Map<String, String> requestBySession = new ConcurrentHashMap<>();

    PhoneReplies(SessionDesk desk, SessionChanges changes) {
        this.desk = desk;
        this.changes = changes;
    }

    Started start(String sessionId, NewMessage userMessage, String requestId, ReplyListener extra) throws Busy {
        if (userMessage.role() != Role.USER) {
            throw new IllegalArgumentException("user_message.role must be \"user\"");
        }
        synchronized (this) {
            if (replying(sessionId)) {
                throw new Busy(sessionId);
            }
            AppendResult saved = desk.sessions().append(sessionId, userMessage); // returns after the commit
            changes.changed(sessionId);
            requestBySession.put(sessionId, requestId);
            ReplyHandle reply = desk.replies().retry(sessionId, new ReplyListener() {
                @Override
                public void delta(String text) {
                    changes.changed(sessionId);
                    extra.delta(text);
                }

                @Override
                public void failed(String message) {
                    extra.failed(message);
                }

                @Override
                public void finished(ReplyOutcome outcome) {
                    requestBySession.remove(sessionId, requestId);
                    changes.changed(sessionId);
                    extra.finished(outcome);
                }
            });
            return new Started(saved, reply);
        }
    }

    boolean replying(String sessionId) {
        return desk.replies().activeReply(sessionId).map(h -> !h.state().isFinal()).orElse(false);
    }

    List<String> activeRequests(String sessionId) {
        String id = requestBySession.get(sessionId);
        return id == null ? List.of() : List.of(id);
    }
}
