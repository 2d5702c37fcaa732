package dev.sessiondesk.store;

import dev.sessiondesk.model.ForkNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sessions related to one session by forking: up its parent links to the root, then every
 * session forked off that root or off any of its forks. Read from the sessions' parent columns only,
 * so it holds however a fork stores its messages.
 */
public final class ForkFamily {
    private final Store store;

    ForkFamily(Store store) {
        this.store = store;
    }

    /** The whole family of {@code sessionId} (itself included), in creation order. */
    public List<ForkNode> of(String sessionId) {
        return store.reader().read("read the forks related to session " + sessionId, c -> {
            String root = root(c, sessionId);
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH RECURSIVE family(id) AS (
                      SELECT ?
                      UNION
                      SELECT s.id FROM sessions s JOIN family f ON s.parent_session_id = f.id
                    )
                    SELECT s.id, s.parent_session_id, s.parent_seq, s.created_at, s.deleted_at IS NOT NULL
                    FROM sessions s JOIN family f ON s.id = f.id
                    ORDER BY s.created_at, s.id""")) {
                ps.setString(1, root);
                List<ForkNode> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int parentSeq = rs.getInt(3);
                        Integer seq = rs.wasNull() ? null : parentSeq;
                        out.add(new ForkNode(rs.getString(1), rs.getString(2), seq, rs.getLong(4), rs.getInt(5) != 0));
                    }
                }
                return out;
            }
        });
    }

    private static String root(Connection c, String sessionId) throws SQLException {
        String at = sessionId;
        // A cycle cannot be made through the app; the bound keeps a hand-edited store from looping.
        for (int depth = 0; depth < 10_000; depth++) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT p.id FROM sessions s JOIN sessions p ON p.id = s.parent_session_id WHERE s.id = ?")) {
                ps.setString(1, at);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return at;
                    }
                    at = rs.getString(1);
                }
            }
        }
        return at;
    }
}
