package dev.sessiondesk.app.chat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Session X has new content": background work that writes to a session (a streaming reply's
 * checkpoints, an import) announces it here, and windows showing that session re-read it at once
 * instead of at their next poll. Listeners are called on the announcing thread and must hand off
 * to their own thread.
 */
public final class SessionChanges {
    private static final Logger LOG = LoggerFactory.getLogger(SessionChanges.class);
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public void listen(Consumer<String> listener) {
        listeners.add(listener);
    }

    public void changed(String sessionId) {
        for (Consumer<String> l : listeners) {
            try {
                l.accept(sessionId);
            } catch (RuntimeException e) {
                LOG.warn("a session change listener failed for {}", sessionId, e);
            }
        }
    }
}
