package dev.sessiondesk.app;

import dev.sessiondesk.app.chat.Conversation;
import dev.sessiondesk.app.chat.MessageAppending;
import dev.sessiondesk.app.chat.SessionEditing;
import dev.sessiondesk.app.chat.SessionReading;
import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.SessionQuery;
import dev.sessiondesk.store.Store;
import java.util.List;
import java.util.Optional;

/**
 * What the UI and the CLI do with sessions. Every method blocks until the store has answered or
 * committed: call it off the FX thread (a window does, through its task runner). A window sees it
 * only through the narrow ports it needs ({@link SessionReading}, {@link MessageAppending},
 * {@link SessionEditing}).
 */
public final class SessionService implements SessionReading, MessageAppending, SessionEditing {
    private final Store store;

    public SessionService(Store store) {
        this.store = store;
    }

    public Session create(String title, String workingDir) {
        return store.sessions().create(NewSession.titled(title, workingDir));
    }

    @Override
    public Optional<Session> find(String id) {
        return store.sessions().get(id);
    }

    @Override
    public Session require(String id) {
        return store.sessions().require(id);
    }

    @Override
    public Conversation open(String sessionId) {
        // A window shows what the user hid as hidden (the rows themselves are never changed).
        return new Conversation(require(sessionId), store.hidden().apply(sessionId, store.messages().list(sessionId)));
    }

    @Override
    public List<Message> readFrom(String sessionId, int fromSeq) {
        return store.hidden().apply(sessionId, store.messages().list(sessionId, fromSeq, Integer.MAX_VALUE));
    }

    @Override
    public List<Message> readBefore(String sessionId, int beforeSeq) {
        return beforeSeq <= 1 ? List.of()
                : store.hidden().apply(sessionId, store.messages().list(sessionId, 1, beforeSeq - 1));
    }

    public List<Session> list(SessionQuery query) {
        return store.sessions().list(query);
    }

    public List<Message> messages(String sessionId) {
        require(sessionId);
        return store.messages().list(sessionId);
    }

    @Override
    public AppendResult append(String sessionId, NewMessage message) {
        return store.messages().append(sessionId, message);
    }

    @Override
    public Session rename(String sessionId, String title) {
        return store.sessions().renameByUser(sessionId, title);
    }

    public boolean setAutoTitle(String sessionId, TitleSource expected, String title) {
        return store.sessions().setAutoTitle(sessionId, expected, title);
    }

    @Override
    public void setPinned(String sessionId, boolean pinned) {
        store.sessions().setPinned(sessionId, pinned);
    }

    @Override
    public void setArchived(String sessionId, boolean archived) {
        store.sessions().setArchived(sessionId, archived);
    }

    @Override
    public void trash(String sessionId) {
        store.sessions().trash(sessionId);
    }

    @Override
    public void restore(String sessionId) {
        store.sessions().restore(sessionId);
    }

    /** Deletes a session in the trash for good (its messages too). */
    public void deleteForever(String sessionId) {
        store.sessions().purge(sessionId);
    }

    /** Deletes every session in the trash for good; returns how many. */
    public int emptyTrash() {
        int n = 0;
        for (Session s : store.sessions().list(SessionQuery.trash())) {
            store.sessions().purge(s.id());
            n++;
        }
        return n;
    }

    /** Deletes {@code sessionId} if nobody used it (no message, no title); see {@code SessionStore#deleteIfUntouched}. */
    public boolean discardIfUntouched(String sessionId) {
        return store.sessions().deleteIfUntouched(sessionId);
    }

    public void setActive(String sessionId) {
        store.sessions().setActive(sessionId);
    }

    @Override
    public Session fork(String sessionId, int uptoSeq) {
        return store.messages().fork(sessionId, uptoSeq);
    }
}
