package dev.sessiondesk.store.remote;

import dev.sessiondesk.model.sync.SyncedMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sessiondesk.messages} rows. A push inserts a run of messages with one statement over arrays;
 * role, created, id, visibility and the {@code jsonb} content are read out of the canonical text the
 * hash covers, so the columns can never disagree with what was hashed.
 */
final class MessageRows {
    private MessageRows() {
    }

    static String hashAt(Connection c, String sessionId, int seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT hash FROM sessiondesk.messages WHERE session_id = ? AND seq = ?")) {
            ps.setString(1, sessionId);
            ps.setInt(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Inserts a run of one session's messages; parameters bound by {@link #bindInsert}. */
    static final String INSERT = "INSERT INTO sessiondesk.messages(session_id, seq, message_id, role,"
            + " created, content, canonical, hash, prev_hash, device_id, user_visible, agent_visible)"
            + " SELECT ?, u.seq, j->>'id', j->>'role', (j->>'created')::bigint, j->'content', u.canonical, u.hash,"
            + " u.prev_hash, ?, coalesce((j->'metadata'->>'userVisible')::boolean, true),"
            + " coalesce((j->'metadata'->>'agentVisible')::boolean, true)"
            + " FROM unnest(?::integer[], ?::text[], ?::text[], ?::text[]) AS u(seq, canonical, prev_hash, hash),"
            + " LATERAL (SELECT u.canonical::jsonb AS j) parsed ORDER BY u.seq"
            + " ON CONFLICT (session_id, seq) DO NOTHING";

    /** Binds {@link #INSERT}'s parameters (the first six of {@code ps}); returns the index of the last one. */
    static int bindInsert(Connection c, PreparedStatement ps, List<SyncedMessage> run) throws SQLException {
        Integer[] seqs = new Integer[run.size()];
        String[] canonical = new String[run.size()];
        String[] prev = new String[run.size()];
        String[] hash = new String[run.size()];
        for (int i = 0; i < run.size(); i++) {
            SyncedMessage m = run.get(i);
            seqs[i] = m.seq();
            canonical[i] = m.canonical();
            prev[i] = m.prevHash();
            hash[i] = m.hash();
        }
        ps.setString(1, run.get(0).sessionId());
        ps.setString(2, run.get(0).deviceId());
        ps.setArray(3, c.createArrayOf("integer", seqs));
        ps.setArray(4, c.createArrayOf("text", canonical));
        ps.setArray(5, c.createArrayOf("text", prev));
        ps.setArray(6, c.createArrayOf("text", hash));
        return 6;
    }

    static List<SyncedMessage> after(Connection c, long afterChange, int limit) throws SQLException {
        List<SyncedMessage> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT session_id, seq, canonical, prev_hash, hash, device_id,"
                + " change_no FROM sessiondesk.messages WHERE change_no > ? ORDER BY change_no LIMIT ?")) {
            ps.setLong(1, afterChange);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SyncedMessage(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getLong(7)));
                }
            }
        }
        return out;
    }
}
