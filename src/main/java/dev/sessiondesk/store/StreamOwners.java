package dev.sessiondesk.store;

import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code stream_owners} rows: who writes each streaming reply, its last checkpoint, a stop request. */
final class StreamOwners {

    /** An owner row as stored. */
    record Owned(long messageRow, StreamOwner owner, long lastCheckpointAt, Long stopRequestedAt) {
        /** What readers go by: the owner's process still runs and it saved something lately. */
        boolean isLive(long now) {
            return !owner.isGone() && now - lastCheckpointAt <= StreamOwner.SILENT_MS;
        }

        /** What a writer ending other processes' replies goes by: the owner is gone or long silent. */
        boolean isAbandoned(long now) {
            return owner.isGone() || now - lastCheckpointAt > StreamOwner.ABANDONED_MS;
        }
    }

    private StreamOwners() {
    }

    static void record(Connection c, long messageRow, StreamOwner o, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO stream_owners(message_row, pid, host,"
                + " process_start, store_token, started_at, last_checkpoint_at) VALUES (?,?,?,?,?,?,?)")) {
            ps.setLong(1, messageRow);
            ps.setLong(2, o.pid());
            ps.setString(3, o.host());
            ps.setLong(4, o.processStart());
            ps.setString(5, o.storeToken());
            ps.setLong(6, now);
            ps.setLong(7, now);
            ps.executeUpdate();
        }
    }

    /** Notes a checkpoint; true when another writer asked the owner to end the reply. */
    static boolean touch(Connection c, long messageRow, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE stream_owners SET last_checkpoint_at = ? WHERE message_row = ?")) {
            ps.setLong(1, now);
            ps.setLong(2, messageRow);
            ps.executeUpdate();
        }
        return get(c, messageRow).map(o -> o.stopRequestedAt() != null).orElse(false);
    }

    static void requestStop(Connection c, long messageRow, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE stream_owners SET stop_requested_at = ? WHERE message_row = ? AND stop_requested_at IS NULL")) {
            ps.setLong(1, now);
            ps.setLong(2, messageRow);
            ps.executeUpdate();
        }
    }

    static void remove(Connection c, long messageRow) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM stream_owners WHERE message_row = ?")) {
            ps.setLong(1, messageRow);
            ps.executeUpdate();
        }
    }

    static Optional<Owned> get(Connection c, long messageRow) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pid, host, process_start, store_token,"
                + " last_checkpoint_at, stop_requested_at FROM stream_owners WHERE message_row = ?")) {
            ps.setLong(1, messageRow);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long stop = rs.getLong(6);
                Long stopAt = rs.wasNull() ? null : stop;
                return Optional.of(new Owned(messageRow, new StreamOwner(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        rs.getString(4)), rs.getLong(5), stopAt));
            }
        }
    }

    /**
     * Messages as readers should see them: a streaming reply whose owner is gone or silent reads as
     * interrupted (the row itself changes only when a writer ends it).
     */
    static List<Message> present(Connection c, List<Message> messages) throws SQLException {
        List<Message> out = null;
        long now = System.currentTimeMillis();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m.state() != MessageState.STREAMING) {
                continue;
            }
            boolean live;
            try {
                live = get(c, m.rowId()).map(o -> o.isLive(now)).orElse(false);
            } catch (SQLException e) {
                live = false; // a store from before owners were recorded, read as it is: nobody can still own it
            }
            if (!live) {
                if (out == null) {
                    out = new ArrayList<>(messages);
                }
                out.set(i, new Message(m.rowId(), m.sessionId(), m.seq(), m.messageId(), m.role(), m.created(),
                        m.contentJson(), m.userVisible(), m.agentVisible(), MessageState.INTERRUPTED, m.hash()));
            }
        }
        return out == null ? messages : out;
    }

    /** The streaming rows of a session (at most one), with their owners if recorded. */
    static Optional<Long> streamingRow(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM messages WHERE session_id = ? AND state = 'streaming'")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }
}
