package dev.sessiondesk.app.windows;

import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.util.Optional;
import java.util.Set;

/**
 * "New Chat" in a window. The old bug this prevents: reusing <em>any</em> empty session app-wide,
 * so two windows ended up on one session and one overwrote the other. Here an empty session is
 * reused only when it is this window's own current session, untitled, not in the trash, not shown
 * in any other window and without a reply in progress; otherwise a new session is created.
 */
public final class NewChatRule {
    private final Store store;

    public NewChatRule(Store store) {
        this.store = store;
    }

    /** Call off the UI thread. {@code currentSessionId} may be null (a window without a session). */
    public Session newChat(String currentSessionId, Set<String> shownInOtherWindows) {
        if (currentSessionId != null && !shownInOtherWindows.contains(currentSessionId)) {
            Optional<Session> current = store.sessions().get(currentSessionId);
            if (current.isPresent() && isReusable(current.get())) {
                return current.get();
            }
        }
        return store.sessions().create(NewSession.blank());
    }

    private boolean isReusable(Session s) {
        return s.messageCount() == 0
                && s.titleSource() == TitleSource.NONE
                && !s.inTrash()
                && store.messages().tail(s.id(), 1).isEmpty(); // no streaming reply either
    }
}
