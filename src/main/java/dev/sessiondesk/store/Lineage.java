package dev.sessiondesk.store;

import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the rows of a session's logical conversation are stored. A fork stores only its own messages
 * (seq parent_seq+1 on, its first hash continuing its parent's hash at parent_seq); messages
 * 1..parent_seq are its parent's, recursively. {@code parent_session_id} with {@code parent_seq} NULL
 * is provenance only (e.g. a goose fork imported as a whole copy): such a session stores everything.
 *
 * <p>The segments are in seq order and cover 1..∞ without overlap; a reader queries each one.
 */
final class Lineage {
    /** Forks of forks deeper than this are refused (a parent link loop would otherwise never end). */
    static final int MAX_DEPTH = 10_000;

    /** Messages {@code fromSeq..toSeq} (inclusive) of the logical conversation are rows of {@code sessionId}. */
    record Segment(String sessionId, int fromSeq, int toSeq) {
        boolean contains(int seq) {
            return seq >= fromSeq && seq <= toSeq;
        }
    }

    private Lineage() {
    }

    /** The number of leading messages a session refers to in its parent (0 when it stores everything). */
    static int inherited(String parentSessionId, Integer parentSeq) {
        return parentSessionId == null || parentSeq == null ? 0 : parentSeq;
    }

    /** The segments of {@code sessionId}'s logical conversation, oldest first. */
    static List<Segment> of(Connection c, String sessionId) throws SQLException {
        Deque<Segment> out = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        String current = sessionId;
        int upper = Integer.MAX_VALUE;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT parent_session_id, parent_seq FROM sessions WHERE id = ?")) {
            while (true) {
                if (!seen.add(current) || seen.size() > MAX_DEPTH) {
                    throw new StoreException(StoreException.Kind.CORRUPT, "session " + sessionId
                            + ": its parent links loop back to session " + current);
                }
                ps.setString(1, current);
                String parent;
                int base;
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StoreException(StoreException.Kind.CORRUPT, "session " + sessionId
                                + " shares its first " + upper + " messages with session " + current
                                + ", which is missing from the store");
                    }
                    parent = rs.getString(1);
                    int seq = rs.getInt(2);
                    base = rs.wasNull() ? 0 : inherited(parent, seq);
                }
                if (base + 1 <= upper) {
                    out.addFirst(new Segment(current, base + 1, upper));
                }
                if (base == 0) {
                    return new ArrayList<>(out);
                }
                upper = Math.min(upper, base);
                current = parent;
            }
        }
    }

    /** Up to {@code limit} logical messages from {@code fromSeq} on, read segment by segment. */
    static List<Message> list(Connection c, String sessionId, int fromSeq, int limit) throws SQLException {
        List<Message> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS
                + " FROM messages WHERE session_id = ? AND seq >= ? AND seq <= ? ORDER BY seq LIMIT ?")) {
            for (Segment s : of(c, sessionId)) {
                if (out.size() >= limit) {
                    break;
                }
                int from = Math.max(fromSeq, s.fromSeq());
                if (from > s.toSeq()) {
                    continue;
                }
                ps.setString(1, s.sessionId());
                ps.setInt(2, from);
                ps.setInt(3, s.toSeq());
                ps.setInt(4, limit - out.size());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Rows.message(rs));
                    }
                }
            }
        }
        return out;
    }

    /** The stored hash of logical message {@code seq} (genesis for 0); null when missing or streaming. */
    static String hashAt(Connection c, String sessionId, int seq) throws SQLException {
        if (seq == 0) {
            return Fingerprint.GENESIS;
        }
        for (Segment s : of(c, sessionId)) {
            if (s.contains(seq)) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT hash FROM messages WHERE session_id = ? AND seq = ?")) {
                    ps.setString(1, s.sessionId());
                    ps.setInt(2, seq);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }
            }
        }
        return null;
    }

    /** The sessions that refer to {@code sessionId}'s rows: {id, parent_seq} of each direct fork. */
    static List<String[]> forksOf(Connection c, String sessionId) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, parent_seq FROM sessions"
                + " WHERE parent_session_id = ? AND parent_seq IS NOT NULL AND parent_seq > 0 ORDER BY id")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), Integer.toString(rs.getInt(2))});
                }
            }
        }
        return out;
    }
}
