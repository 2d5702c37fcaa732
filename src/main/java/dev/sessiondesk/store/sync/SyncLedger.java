package dev.sessiondesk.store.sync;

import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.sync.Hlc;
import dev.sessiondesk.model.sync.SyncedMessage;
import dev.sessiondesk.model.sync.SyncedSession;
import dev.sessiondesk.store.HashChain;
import dev.sessiondesk.store.Store;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The local side of sync in the SQLite store (schema 6): the outbox the triggers fill, what the
 * server is known to hold, the pull cursors and the device's clock. Reads for a push happen here;
 * applying what was pulled is {@link PulledChanges}.
 */
public final class SyncLedger {
    /** The pull cursors: the server change numbers of the last session row and message applied here. */
    public static final String SESSIONS_CURSOR = "pull_cursor_sessions";
    public static final String MESSAGES_CURSOR = "pull_cursor_messages";

    private final Store store;
    private volatile Long offsetSet; // the offset this ledger last wrote (each exchange would otherwise queue a write)

    public SyncLedger(Store store) {
        this.store = store;
    }

    /** One pending outbox row: {@code kind} is "meta" (the session's fields) or "messages". */
    public record OutboxEntry(String sessionId, String kind, long version) {
    }

    public String deviceId() {
        return store.reader().read("read this device's sync id", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT device_id FROM sync_clock WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    /**
     * Sets how far this device's clock is from the system clock; the triggers stamp local edits with
     * system time + offset. An injected {@link java.time.Clock} (tests skew devices by minutes) lands here.
     */
    public void setClockOffset(long offsetMillis) {
        Long before = offsetSet;
        if (before != null && before == offsetMillis) {
            return;
        }
        store.writer().write("set the sync clock offset", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sync_clock SET offset_ms = ? WHERE id = 1 AND offset_ms <> ?")) {
                ps.setLong(1, offsetMillis);
                ps.setLong(2, offsetMillis);
                ps.executeUpdate();
            }
            return null;
        });
        offsetSet = offsetMillis;
    }

    /** The outbox, parents before their forks (a fork's row on the server refers to its parent's). */
    public List<OutboxEntry> outbox() {
        return store.reader().read("read the sync outbox", c -> {
            List<OutboxEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT o.session_id, o.kind, o.version FROM sync_outbox o"
                    + " LEFT JOIN sessions s ON s.id = o.session_id"
                    + " ORDER BY s.parent_session_id IS NOT NULL, s.created_at, o.session_id, o.kind DESC");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OutboxEntry(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return out;
        });
    }

    /** Changes whenever a local change lands in the outbox (live sync compares it to push promptly). */
    public long outboxSignature() {
        return store.reader().read("look at the sync outbox", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) * 1000003 + coalesce(sum(version), 0) FROM sync_outbox");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Finished messages the server has not acknowledged yet (what "N messages waiting" counts). */
    public int waitingMessages() {
        return store.reader().read("count messages waiting to be pushed", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM sync_outbox o"
                    + " JOIN messages m ON m.session_id = o.session_id AND m.state <> 'streaming'"
                    + " AND m.seq > coalesce((SELECT server_count FROM sync_pushed p WHERE p.session_id = o.session_id), 0)"
                    + " WHERE o.kind = 'messages'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Removes an outbox row if nothing changed since {@code version} was read (a newer change stays queued). */
    public void done(OutboxEntry e) {
        store.writer().write("clear a pushed outbox entry", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM sync_outbox WHERE session_id = ? AND kind = ? AND version = ?")) {
                ps.setString(1, e.sessionId());
                ps.setString(2, e.kind());
                ps.setLong(3, e.version());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** How many of this session's messages the server is known to hold. */
    public int serverCount(String sessionId) {
        return store.reader().read("read what the server holds of session " + sessionId, c -> serverCount(c, sessionId));
    }

    static int serverCount(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT server_count FROM sync_pushed WHERE session_id = ?")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    public void markPushed(String sessionId, int serverCount) {
        store.writer().write("record what the server holds of session " + sessionId, c -> {
            setServerCount(c, sessionId, serverCount);
            return null;
        });
    }

    static void setServerCount(Connection c, String sessionId, int count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_pushed(session_id, server_count) VALUES (?, ?)"
                + " ON CONFLICT(session_id) DO UPDATE SET server_count = excluded.server_count")) {
            ps.setString(1, sessionId);
            ps.setInt(2, count);
            ps.executeUpdate();
        }
    }

    /** The session as sync sends it, or empty when it no longer exists here (purged). */
    public Optional<SyncedSession> snapshot(String sessionId) {
        return store.reader().read("read session " + sessionId + " for sync", c -> snapshot(c, sessionId));
    }

    static Optional<SyncedSession> snapshot(Connection c, String id) throws SQLException {
        String[] hlc = new String[4];
        try (PreparedStatement ps = c.prepareStatement("SELECT field, hlc FROM sync_fields WHERE session_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hlc[fieldIndex(rs.getString(1))] = rs.getString(2);
                }
            }
        }
        SyncedSession.AgentFacts agent = null;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT slug, status, session_type, session_dir, project_dir FROM agent_sessions WHERE session_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    agent = new SyncedSession.AgentFacts(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5));
                }
            }
        }
        String device;
        try (PreparedStatement ps = c.prepareStatement("SELECT device_id FROM sync_clock WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            device = rs.getString(1);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, created_at, working_dir, origin, parent_session_id,"
                + " parent_seq, title, title_source, pinned, archived_at, deleted_at, last_activity, message_count,"
                + " (SELECT count(*) FROM messages m WHERE m.session_id = s.id AND m.state <> 'streaming')"
                + " FROM sessions s WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Integer parentSeq = rs.getObject(6) == null ? null : rs.getInt(6);
                int baseSeq = Math.max(0, rs.getInt(13) - rs.getInt(14));
                String baseHash = hashAt(c, id, baseSeq);
                return Optional.of(new SyncedSession(rs.getString(1), device, rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), parentSeq, baseSeq, baseHash, rs.getString(7), rs.getString(8),
                        orZero(hlc[0]), rs.getInt(9) != 0, orZero(hlc[1]), nullableLong(rs, 10), orZero(hlc[2]),
                        nullableLong(rs, 11), orZero(hlc[3]), rs.getLong(12), agent, 0));
            }
        }
    }

    /** Up to {@code limit} finished messages of the session after seq {@code afterSeq}, ready to push. */
    public List<SyncedMessage> messagesAfter(String sessionId, int afterSeq, int limit) {
        return store.reader().read("read messages of session " + sessionId + " to push", c -> {
            String device = deviceIdOn(c);
            String prev = null;
            List<SyncedMessage> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, message_id, role, created, content_json,"
                    + " user_visible, agent_visible, hash FROM messages WHERE session_id = ? AND seq > ?"
                    + " AND state <> 'streaming' ORDER BY seq LIMIT ?")) {
                ps.setString(1, sessionId);
                ps.setInt(2, afterSeq);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int seq = rs.getInt(1);
                        if (prev == null) {
                            prev = hashAt(c, sessionId, seq - 1);
                        }
                        NewMessage m = new NewMessage(rs.getString(2), Role.fromWire(rs.getString(3)), rs.getLong(4),
                                rs.getString(5), rs.getInt(6) != 0, rs.getInt(7) != 0);
                        String canonical = new String(GooseMessages.canonicalBytesOfStored(m), StandardCharsets.UTF_8);
                        String hash = rs.getString(8);
                        out.add(new SyncedMessage(sessionId, seq, canonical, prev, hash, device, 0));
                        prev = hash;
                    }
                }
            }
            return out;
        });
    }

    /**
     * The chain hash after message {@code seq} of a session: its own row, or (for a fork that stores only
     * its own messages) the parent's at that seq; genesis at 0; null when unknown.
     */
    static String hashAt(Connection c, String sessionId, int seq) throws SQLException {
        if (seq <= 0) {
            return HashChain.genesis();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT hash FROM messages WHERE session_id = ? AND seq = ? AND state <> 'streaming'")) {
            ps.setString(1, sessionId);
            ps.setInt(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT parent_session_id, parent_seq FROM sessions WHERE id = ?")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(1) != null && seq <= rs.getInt(2)) {
                    return hashAt(c, rs.getString(1), seq);
                }
            }
        }
        return null;
    }

    public long cursor(String name) {
        return store.reader().read("read the sync cursor", c -> cursor(c, name));
    }

    static long cursor(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM sync_state WHERE key = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Long.parseLong(rs.getString(1)) : 0L;
            }
        }
    }

    static void setCursor(Connection c, String name, long value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_state(key, value) VALUES (?, ?)"
                + " ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, name);
            ps.setString(2, Long.toString(value));
            ps.executeUpdate();
        }
    }

    /** Titles that lost to another device's (later) user title: they stay in the session's history. */
    public List<String> titleHistory(String sessionId) {
        return store.reader().read("read the title history of session " + sessionId, c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT title FROM sync_title_history WHERE session_id = ? ORDER BY id")) {
                ps.setString(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    static String deviceIdOn(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT device_id FROM sync_clock WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    static int fieldIndex(String field) {
        return switch (field) {
            case "title" -> 0;
            case "pinned" -> 1;
            case "archived" -> 2;
            case "trash" -> 3;
            default -> throw new IllegalArgumentException("unknown sync field " + field);
        };
    }

    private static String orZero(String hlc) {
        return hlc == null ? Hlc.ZERO : hlc;
    }

    private static Long nullableLong(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }
}
