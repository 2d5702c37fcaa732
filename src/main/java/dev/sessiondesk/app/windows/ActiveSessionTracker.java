package dev.sessiondesk.app.windows;

import dev.sessiondesk.store.SessionStore;
import java.util.Objects;

/**
 * Makes the focused window's session the store's single active session (one transaction, no
 * {@code updated_at} change). Skips the write when nothing changed, so focus ping-pong between
 * windows of one session costs nothing.
 */
public final class ActiveSessionTracker {
    private final SessionStore sessions;
    private String lastActive;

    public ActiveSessionTracker(SessionStore sessions) {
        this.sessions = sessions;
    }

    /** Call off the UI thread. Returns true when the store was written. */
    public synchronized boolean focused(String sessionId) {
        if (sessionId == null || Objects.equals(sessionId, lastActive)) {
            return false;
        }
        sessions.setActive(sessionId);
        lastActive = sessionId;
        return true;
    }
}
