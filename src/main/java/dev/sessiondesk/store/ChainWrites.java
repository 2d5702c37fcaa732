package dev.sessiondesk.store;

import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * How a message enters a session's hash chain, on a connection inside a write transaction: rows
 * inserted and indexed, a streaming reply ended and hashed, the session's head moved. {@link MessageLog}
 * frames these steps in transactions and is what callers see; keeping them here means every path
 * (append, batch, stream end, crash clean-up) moves the chain the same way.
 */
final class ChainWrites {
    private static final String INSERT_COMPLETE = "INSERT INTO messages(session_id, seq, message_id, role, created,"
            + " content_json, user_visible, agent_visible, state, hash, updated_at) VALUES (?,?,?,?,?,?,?,?,'complete',?,?)";
    private static final String INSERT_FTS = "INSERT INTO messages_fts(rowid, body) VALUES (?, ?)";
    /** The FTS row of the message just inserted: no generated-keys query (a SELECT) per message. */
    static final String INSERT_FTS_LAST = "INSERT INTO messages_fts(rowid, body) VALUES (last_insert_rowid(), ?)";

    private ChainWrites() {
    }

    /**
     * Appends canonical messages to one session: exactly what appending them one by one stores, but
     * the session is read, its open stream ended and its head moved once, and the statements are
     * prepared once for the batch (re-preparing them per message was half of an import's SQLite time).
     * Hashed over the canonical assembly ({@code canonical} is canonical already): no JSON tree per message.
     */
    static List<AppendResult> append(Connection c, String sessionId, List<NewMessage> canonical, long now)
            throws SQLException {
        if (canonical.isEmpty()) {
            writableSession(c, sessionId);
            return List.of();
        }
        Session s = endOpenStream(c, writableSession(c, sessionId), MessageState.INTERRUPTED, now);
        int seq = s.messageCount();
        String head = s.headHash();
        List<AppendResult> out = new ArrayList<>(canonical.size());
        try (PreparedStatement insert = c.prepareStatement(INSERT_COMPLETE);
             PreparedStatement fts = c.prepareStatement(INSERT_FTS_LAST)) {
            for (NewMessage m : canonical) {
                seq++;
                head = HashChain.next(head, GooseMessages.canonicalBytesOfStored(m));
                bindMessage(insert, sessionId, seq, m);
                insert.setString(9, head);
                insert.setLong(10, now);
                insert.executeUpdate();
                String text = ContentItems.plainText(m.contentJson());
                if (!text.isEmpty()) {
                    fts.setString(1, text);
                    fts.executeUpdate();
                }
                out.add(new AppendResult(sessionId, seq, head));
            }
        }
        advanceHead(c, sessionId, seq, head, now);
        return out;
    }


    /**
     * The row of a reply that will stream (state streaming, no hash yet), after ending the one still
     * open; the reply joins the chain when {@link #endOpenStream} ends it.
     */
    static StreamingMessage beginStream(Connection c, String sessionId, NewMessage m, StreamOwner owner, long now)
            throws SQLException {
        Session s = writableSession(c, sessionId);
        s = endOpenStream(c, s, MessageState.INTERRUPTED, now);
        int seq = s.messageCount() + 1;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages(session_id, seq, message_id, role, created,"
                + " content_json, user_visible, agent_visible, state, hash, updated_at)"
                + " VALUES (?,?,?,?,?,?,?,?,'streaming',NULL,?)")) {
            bindMessage(ps, sessionId, seq, m);
            ps.setLong(9, now);
            ps.executeUpdate();
            long rowId = lastRowId(c);
            StreamOwners.record(c, rowId, owner, now);
            touch(c, sessionId, now);
            return new StreamingMessage(rowId, sessionId, seq);
        }
    }

    /** Ends the session's streaming message, if any, hashing it into the chain. Returns the session after. */
    static Session endOpenStream(Connection c, Session s, MessageState end, long now) throws SQLException {
        Message open = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS
                + " FROM messages WHERE session_id = ? AND state = 'streaming'")) {
            ps.setString(1, s.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    open = Rows.message(rs);
                }
            }
        }
        if (open == null) {
            return s;
        }
        String hash = HashChain.next(s.headHash(), open.body());
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE messages SET state = ?, hash = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, end.wire());
            ps.setString(2, hash);
            ps.setLong(3, now);
            ps.setLong(4, open.rowId());
            ps.executeUpdate();
        }
        index(c, open.rowId(), open.contentJson());
        StreamOwners.remove(c, open.rowId());
        advanceHead(c, s.id(), open.seq(), hash, now);
        return SessionStore.get(c, s.id()).orElseThrow();
    }

    private static Session writableSession(Connection c, String sessionId) throws SQLException {
        Session s = SessionStore.get(c, sessionId).orElseThrow(() -> SessionStore.notFound(sessionId));
        if (s.inTrash()) {
            throw new StoreException(StoreException.Kind.CONFLICT,
                    "session " + sessionId + " is in the trash; restore it before adding messages");
        }
        return s;
    }

    private static void bindMessage(PreparedStatement ps, String sessionId, int seq, NewMessage m) throws SQLException {
        ps.setString(1, sessionId);
        ps.setInt(2, seq);
        ps.setString(3, m.messageId());
        ps.setString(4, m.role().wire());
        ps.setLong(5, m.created());
        ps.setString(6, m.contentJson());
        ps.setInt(7, m.userVisible() ? 1 : 0);
        ps.setInt(8, m.agentVisible() ? 1 : 0);
    }

    private static void advanceHead(Connection c, String sessionId, int count, String hash, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET message_count = ?, head_hash = ?,"
                + " updated_at = ?, last_activity = ? WHERE id = ?")) {
            ps.setInt(1, count);
            ps.setString(2, hash);
            ps.setLong(3, now);
            ps.setLong(4, now);
            ps.setString(5, sessionId);
            ps.executeUpdate();
        }
    }

    private static void touch(Connection c, String sessionId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET last_activity = ? WHERE id = ?")) {
            ps.setLong(1, now);
            ps.setString(2, sessionId);
            ps.executeUpdate();
        }
    }

    private static void index(Connection c, long rowId, String contentJson) throws SQLException {
        String text = ContentItems.plainText(contentJson);
        if (text.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_FTS)) {
            ps.setLong(1, rowId);
            ps.setString(2, text);
            ps.executeUpdate();
        }
    }

    /** The row id of the last INSERT on this connection (the writer does not fetch generated keys). */
    private static long lastRowId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_insert_rowid()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
