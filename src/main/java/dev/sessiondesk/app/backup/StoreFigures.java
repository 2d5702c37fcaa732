package dev.sessiondesk.app.backup;

import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.store.SessionFingerprints;
import dev.sessiondesk.store.Store;
import java.util.Map;
import java.util.Optional;

/** Every session's message count and head hash in a store, read in one snapshot. */
record StoreFigures(Map<String, Fingerprint> sessions) {

    static StoreFigures of(Store store) {
        return new StoreFigures(new SessionFingerprints(store).all());
    }

    /** The stored hash of message {@code seq} of a session (a fork's prefix: its parent's), if finished. */
    static Optional<String> hashAt(Store store, String sessionId, int seq) {
        return store.messages().hashAt(sessionId, seq);
    }

    long messageCount() {
        return sessions.values().stream().mapToLong(Fingerprint::messageCount).sum();
    }
}
