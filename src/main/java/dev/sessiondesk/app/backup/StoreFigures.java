package dev.sessiondesk.app.backup;

import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.store.Store;
import java.sql.PreparedStatement;
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

    /** The stored hash of message {@code seq} of a session, if it exists and is finished. */
    static Optional<String> hashAt(Store store, String sessionId, int seq) {
        return store.reader().read("read the hash of message " + seq + " of session " + sessionId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM messages WHERE session_id = ? AND seq = ?")) {
                ps.setString(1, sessionId);
                ps.setInt(2, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    long messageCount() {
        return sessions.values().stream().mapToLong(Fingerprint::messageCount).sum();
    }
}
