package dev.sessiondesk.ui.chat;

import dev.sessiondesk.app.chat.Conversation;
import dev.sessiondesk.app.chat.SessionReading;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening a long session newest messages first: the window shows its last {@link #FIRST} messages
 * (the first screen shows fewer than that) and a second read just after puts the older ones in front
 * of them. Reading all 10,000 messages of a session before showing any was most of its first screen.
 */
final class NewestFirst {
    private static final Logger LOG = LoggerFactory.getLogger(NewestFirst.class);
    static final int FIRST = 200;

    private NewestFirst() {
    }

    /** Off the FX thread: the session with its newest messages (all of them when it has few). */
    static Conversation read(SessionReading reading, String sessionId) {
        Session session = reading.require(sessionId);
        int from = session.messageCount() - FIRST + 1;
        return from <= 1 ? reading.open(sessionId) : new Conversation(session, reading.readFrom(sessionId, from));
    }

    /** Shows {@code newest} in {@code vm}, then reads what comes before it and puts that in front of {@code shown}. */
    static void thenOlder(ChatViewModel vm, Conversation newest, SessionReading reading, TaskRunner runner,
                          List<Message> shown) {
        vm.show(newest);
        List<Message> first = newest.messages();
        if (first.isEmpty() || first.get(0).seq() <= 1) {
            return;
        }
        String sid = newest.session().id();
        int firstSeq = first.get(0).seq();
        // Queued behind the transcript's own update of the newest messages, so the big read does not
        // compete with the first screen for the CPU.
        runner.callbacks().execute(() -> BackgroundTask.supply("read the older messages of session " + sid,
                        () -> reading.readBefore(sid, firstSeq))
                .onSuccess(older -> {
                    // Only into the same list: not after the window moved on or showed the session anew.
                    if (sid.equals(vm.sessionId()) && !shown.isEmpty() && shown.get(0).seq() == firstSeq) {
                        shown.addAll(0, older);
                    }
                })
                .onError(e -> LOG.warn("cannot read the older messages of session {}: {}", sid, e.getMessage()))
                .executeWith(runner));
    }
}
