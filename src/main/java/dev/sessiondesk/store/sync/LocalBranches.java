package dev.sessiondesk.store.sync;

import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Conflicts lose nothing: when the server holds another device's message at a seq this device used
 * for a message the server never accepted, this device's divergent tail (from that seq on) becomes a
 * branch session — a fork at the last common message holding exactly those messages with their
 * hashes unchanged — and the session itself steps back to the common message so the server's tail
 * can follow. The branch is an ordinary local session, so the outbox pushes it and every other
 * device gets it too.
 */
final class LocalBranches {
    static final String ORIGIN = "sync-branch";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final Store store;

    LocalBranches(Store store) {
        this.store = store;
    }

    /** Call with {@code applying = 0} (the branch must be pushed). Returns a sentence for the report. */
    String moveTailToBranch(Connection c, String sessionId, int fromSeq, String deviceLabel) throws SQLException {
        List<NewMessage> tail = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT message_id, role, created, content_json, user_visible,"
                + " agent_visible, hash FROM messages WHERE session_id = ? AND seq >= ? AND state <> 'streaming' ORDER BY seq")) {
            ps.setString(1, sessionId);
            ps.setInt(2, fromSeq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tail.add(new NewMessage(rs.getString(1), Role.fromWire(rs.getString(2)), rs.getLong(3),
                            rs.getString(4), rs.getInt(5) != 0, rs.getInt(6) != 0));
                    hashes.add(rs.getString(7));
                }
            }
        }
        String title;
        String workingDir;
        try (PreparedStatement ps = c.prepareStatement("SELECT title, working_dir FROM sessions WHERE id = ?")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                title = rs.getString(1) == null || rs.getString(1).isBlank() ? "New chat" : rs.getString(1);
                workingDir = rs.getString(2);
            }
        }
        Session branch = fromSeq > 1
                ? store.messages().fork(sessionId, fromSeq - 1)
                : store.sessions().insert(c, new NewSession(null, workingDir, null, null, null));
        long now = System.currentTimeMillis();
        PulledChanges.sameHashes(store.messages().appendAllIn(c, branch.id(), tail, now), hashes,
                "move the divergent messages of session " + sessionId + " to a branch");
        String branchTitle = title + " — branch from " + deviceLabel + ", " + WHEN.format(Instant.ofEpochMilli(now));
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sessions SET title = ?, title_source = 'auto', origin = ? WHERE id = ?")) {
            ps.setString(1, branchTitle);
            ps.setString(2, ORIGIN);
            ps.setString(3, branch.id());
            ps.executeUpdate();
        }
        // Forks made here that refer to the moved messages now refer to the branch, which holds them
        // with the same seqs and hashes (a fork stores only its own messages and continues its parent's chain).
        try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET parent_session_id = ?"
                + " WHERE parent_session_id = ? AND parent_seq >= ? AND id <> ?")) {
            ps.setString(1, branch.id());
            ps.setString(2, sessionId);
            ps.setInt(3, fromSeq);
            ps.setString(4, branch.id());
            ps.executeUpdate();
        }
        PulledChanges.setApplying(c, true); // stepping back is adopting the server's history, not a change to push
        rewind(c, sessionId, fromSeq - 1);
        if (SyncLedger.serverCount(c, sessionId) > fromSeq - 1) {
            SyncLedger.setServerCount(c, sessionId, fromSeq - 1);
        }
        return tail.size() + " message" + (tail.size() == 1 ? "" : "s") + " of \"" + title
                + "\" written here while another device wrote the same session are in the branch \"" + branchTitle + "\"";
    }

    private static void rewind(Connection c, String sessionId, int toSeq) throws SQLException {
        String head = SyncLedger.hashAt(c, sessionId, toSeq);
        try (PreparedStatement fts = c.prepareStatement(
                "DELETE FROM messages_fts WHERE rowid IN (SELECT id FROM messages WHERE session_id = ? AND seq > ?)");
             PreparedStatement msgs = c.prepareStatement("DELETE FROM messages WHERE session_id = ? AND seq > ?");
             PreparedStatement verified = c.prepareStatement(
                     "DELETE FROM verified_heads WHERE session_id = ? AND message_count > ?");
             PreparedStatement session = c.prepareStatement(
                     "UPDATE sessions SET message_count = ?, head_hash = ? WHERE id = ?")) {
            for (PreparedStatement ps : new PreparedStatement[] {fts, msgs, verified}) {
                ps.setString(1, sessionId);
                ps.setInt(2, toSeq);
                ps.executeUpdate();
            }
            session.setInt(1, toSeq);
            session.setString(2, head);
            session.setString(3, sessionId);
            session.executeUpdate();
        }
    }
}
