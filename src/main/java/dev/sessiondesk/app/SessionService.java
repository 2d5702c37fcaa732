package dev.sessiondesk.app;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * What the UI and the CLI do with sessions. Synchronous methods block until the store has
 * committed (call them off the FX thread); the {@code …Async} ones run on the background executor
 * and complete after the commit.
 */
public final class SessionService {
    private final Store store;
    private final Executor background;

    public SessionService(Store store, Executor background) {
        this.store = store;
        this.background = background;
    }

    public Session create(String title, String workingDir) {
        return store.sessions().create(NewSession.titled(title, workingDir));
    }

    public CompletableFuture<Session> createAsync(String title, String workingDir) {
        return CompletableFuture.supplyAsync(() -> create(title, workingDir), background);
    }

    public Optional<Session> find(String id) {
        return store.sessions().get(id);
    }

    public Session require(String id) {
        return store.sessions().require(id);
    }

    public List<Session> list(SessionQuery query) {
        return store.sessions().list(query);
    }

    public CompletableFuture<List<Session>> listAsync(SessionQuery query) {
        return CompletableFuture.supplyAsync(() -> list(query), background);
    }

    public List<Message> messages(String sessionId) {
        require(sessionId);
        return store.messages().list(sessionId);
    }

    public AppendResult append(String sessionId, NewMessage message) {
        return store.messages().append(sessionId, message);
    }

    /** Completes only after the message is committed: the UI shows it as sent then, not before (P1). */
    public CompletableFuture<AppendResult> appendAsync(String sessionId, NewMessage message) {
        return CompletableFuture.supplyAsync(() -> append(sessionId, message), background);
    }

    public Session rename(String sessionId, String title) {
        return store.sessions().renameByUser(sessionId, title);
    }

    public boolean setAutoTitle(String sessionId, TitleSource expected, String title) {
        return store.sessions().setAutoTitle(sessionId, expected, title);
    }

    public void trash(String sessionId) {
        store.sessions().trash(sessionId);
    }

    public void restore(String sessionId) {
        store.sessions().restore(sessionId);
    }

    public void setPinned(String sessionId, boolean pinned) {
        store.sessions().setPinned(sessionId, pinned);
    }

    public void setArchived(String sessionId, boolean archived) {
        store.sessions().setArchived(sessionId, archived);
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

    public Session fork(String sessionId, int uptoSeq) {
        return store.messages().fork(sessionId, uptoSeq);
    }
}
