package dev.sessiondesk.app.backup;

import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.store.Store;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every session's message count and head hash in a store, read in one snapshot. */
record StoreFigures(Map<String, Fingerprint> sessions) {

    static StoreFigures of(Store store) {
        return store.reader().read("read every session's message count and head", c -> {
            Map<String, Fingerprint> out = new TreeMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, message_count, head_hash FROM sessions")) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Fingerprint(rs.getInt(2), rs.getString(3)));
                }
            }
            return new StoreFigures(out);
        });
    }

    /** The stored hash of message {@code seq} of a session (a fork's prefix: its parent's), if finished. */
    static Optional<String> hashAt(Store store, String sessionId, int seq) {
        return store.messages().hashAt(sessionId, seq);
    }

    long messageCount() {
        return sessions.values().stream().mapToLong(Fingerprint::messageCount).sum();
    }
}
