package dev.sessiondesk.store;

import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Branches that share their prefix by reference (see {@link Lineage}): creating one, keeping forks
 * whole when their parent is purged, and the schema-5 compaction of forks that older versions made by
 * copying. Every step runs inside the caller's write transaction.
 */
final class Forks {
    static final String INSERT_ROW = "INSERT INTO messages(session_id, seq, message_id, role, created,"
            + " content_json, user_visible, agent_visible, state, hash, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)";

    private Forks() {
    }

    /**
     * A new session whose conversation starts as messages 1..{@code parentSeq} of {@code parentId}
     * without storing them: its count and head are the parent's there, its own messages follow.
     */
    static Session insertFork(Connection c, SessionStore sessions, NewSession spec, String parentId, int parentSeq)
            throws SQLException {
        Session parent = SessionStore.get(c, parentId).orElseThrow(() -> SessionStore.notFound(parentId));
        if (parentSeq < 0 || parentSeq > parent.messageCount()) {
            throw new StoreException(StoreException.Kind.CONFLICT, "cannot fork session " + parentId
                    + " at message " + parentSeq + ": it has " + parent.messageCount() + " finished messages");
        }
        String head = Lineage.hashAt(c, parentId, parentSeq);
        if (head == null) {
            throw new StoreException(StoreException.Kind.CORRUPT, "cannot fork session " + parentId + " at message "
                    + parentSeq + ": that message is missing from the store (run verify)");
        }
        Session child = sessions.insert(c, spec);
        try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET parent_session_id = ?, parent_seq = ?,"
                + " message_count = ?, head_hash = ? WHERE id = ?")) {
            ps.setString(1, parentId);
            ps.setInt(2, parentSeq);
            ps.setInt(3, parentSeq);
            ps.setString(4, head);
            ps.setString(5, child.id());
            ps.executeUpdate();
        }
        return SessionStore.get(c, child.id()).orElseThrow();
    }

    /**
     * Before {@code doomed}'s rows are deleted: each fork that refers to them gets a copy of exactly
     * the rows it used (hashes unchanged, so its chain still verifies) and then refers to
     * {@code doomed}'s own parent for the rest, or to nothing. Nothing a fork shows is lost.
     */
    static int keepForksWhole(Connection c, Session doomed) throws SQLException {
        int base = Lineage.inherited(doomed.parentSessionId(), doomed.parentSeq());
        int copied = 0;
        for (String[] fork : Lineage.forksOf(c, doomed.id())) {
            int forkSeq = Integer.parseInt(fork[1]);
            copied += copyRows(c, doomed.id(), fork[0], base + 1, forkSeq);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sessions SET parent_session_id = ?, parent_seq = ? WHERE id = ?")) {
                boolean stillShares = base > 0 && forkSeq > 0;
                ps.setString(1, stillShares ? doomed.parentSessionId() : null);
                ps.setObject(2, stillShares ? Math.min(base, forkSeq) : null);
                ps.setString(3, fork[0]);
                ps.executeUpdate();
            }
        }
        return copied;
    }

    /**
     * Inserts {@code m} as a row of session {@code to} with its seq and hash as they were, and indexes
     * its text; {@code ins} is {@link #INSERT_ROW} with generated keys, {@code fts} the index insert.
     */
    static void insertCopy(PreparedStatement ins, PreparedStatement fts, String to, Message m, long now)
            throws SQLException {
        ins.setString(1, to);
        ins.setInt(2, m.seq());
        ins.setString(3, m.messageId());
        ins.setString(4, m.role().wire());
        ins.setLong(5, m.created());
        ins.setString(6, m.contentJson());
        ins.setInt(7, m.userVisible() ? 1 : 0);
        ins.setInt(8, m.agentVisible() ? 1 : 0);
        ins.setString(9, m.state().wire());
        ins.setString(10, m.hash());
        ins.setLong(11, now);
        ins.executeUpdate();
        String text = ContentItems.plainText(m.contentJson());
        if (!text.isEmpty()) {
            fts.setString(1, text);
            fts.executeUpdate();
        }
    }

    private static int copyRows(Connection c, String from, String to, int fromSeq, int toSeq) throws SQLException {
        if (fromSeq > toSeq) {
            return 0;
        }
        int n = 0;
        long now = System.currentTimeMillis();
        try (PreparedStatement sel = c.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS
                + " FROM messages WHERE session_id = ? AND seq BETWEEN ? AND ? ORDER BY seq");
             PreparedStatement ins = c.prepareStatement(INSERT_ROW);
             PreparedStatement fts = c.prepareStatement(ChainWrites.INSERT_FTS_LAST)) {
            sel.setString(1, from);
            sel.setInt(2, fromSeq);
            sel.setInt(3, toSeq);
            try (ResultSet rs = sel.executeQuery()) {
                while (rs.next()) {
                    insertCopy(ins, fts, to, Rows.message(rs), now);
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Schema 5: forks made by copying (every version before) drop the rows that are exact copies of
     * their parent's prefix. A fork whose copy differs from its parent, or whose parent is gone,
     * keeps its rows and keeps the parent only as provenance (parent_seq NULL). Parents are handled
     * before their forks, so each comparison reads the parent's final form.
     */
    static void compactCopiedForks(Connection c) throws SQLException {
        Map<String, String[]> forks = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, parent_session_id, parent_seq FROM sessions WHERE parent_session_id IS NOT NULL"
                        + " AND parent_seq IS NOT NULL ORDER BY id")) {
            while (rs.next()) {
                forks.put(rs.getString(1), new String[] {rs.getString(2), Integer.toString(rs.getInt(3))});
            }
        }
        List<String> order = new ArrayList<>();
        Map<String, Boolean> placed = new HashMap<>();
        List<String> loops = new ArrayList<>();
        for (String id : forks.keySet().stream().sorted().toList()) {
            place(id, forks, placed, order, new ArrayList<>(), loops);
        }
        for (String id : loops) {
            provenanceOnly(c, id);
        }
        for (String id : order) {
            String[] link = forks.get(id);
            if (link == null) {
                continue; // its link closed a loop: it keeps its rows
            }
            int k = Integer.parseInt(link[1]);
            if (k > 0 && !isExactCopyOfParent(c, id, link[0], k)) {
                provenanceOnly(c, id);
                continue;
            }
            try (PreparedStatement fts = c.prepareStatement("DELETE FROM messages_fts WHERE rowid IN"
                    + " (SELECT id FROM messages WHERE session_id = ? AND seq <= ?)");
                 PreparedStatement del = c.prepareStatement("DELETE FROM messages WHERE session_id = ? AND seq <= ?")) {
                fts.setString(1, id);
                fts.setInt(2, k);
                fts.executeUpdate();
                del.setString(1, id);
                del.setInt(2, k);
                del.executeUpdate();
            }
        }
    }

    /** Depth-first: a fork's parent goes into {@code order} before it; the link closing a loop goes to {@code loops}. */
    private static void place(String id, Map<String, String[]> forks, Map<String, Boolean> placed, List<String> order,
                              List<String> path, List<String> loops) {
        if (Boolean.TRUE.equals(placed.get(id)) || !forks.containsKey(id)) {
            return;
        }
        if (path.contains(id)) {
            forks.remove(id);
            loops.add(id);
            return;
        }
        path.add(id);
        place(forks.get(id)[0], forks, placed, order, path, loops);
        path.remove(path.size() - 1);
        placed.put(id, true);
        order.add(id);
    }

    /** Rows 1..k of the fork are stored and equal, field by field, to its parent's logical rows 1..k. */
    private static boolean isExactCopyOfParent(Connection c, String forkId, String parentId, int k) throws SQLException {
        if (SessionStore.get(c, parentId).isEmpty()) {
            return false;
        }
        List<Message> parent;
        try {
            parent = Lineage.list(c, parentId, 1, k);
        } catch (StoreException brokenParent) {
            return false;
        }
        List<Message> own = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS
                + " FROM messages WHERE session_id = ? AND seq <= ? ORDER BY seq")) {
            ps.setString(1, forkId);
            ps.setInt(2, k);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    own.add(Rows.message(rs));
                }
            }
        }
        if (parent.size() != k || own.size() != k) {
            return false;
        }
        for (int i = 0; i < k; i++) {
            Message p = parent.get(i);
            Message f = own.get(i);
            if (p.seq() != f.seq() || p.hash() == null || !p.hash().equals(f.hash()) || !p.body().equals(f.body())
                    || p.state() != f.state()) {
                return false;
            }
        }
        return Objects.equals(parent.get(k - 1).hash(), own.get(k - 1).hash());
    }

    private static void provenanceOnly(Connection c, String forkId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET parent_seq = NULL WHERE id = ?")) {
            ps.setString(1, forkId);
            ps.executeUpdate();
        }
    }
}
