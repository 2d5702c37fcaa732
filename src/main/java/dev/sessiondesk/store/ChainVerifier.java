package dev.sessiondesk.store;

import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Recomputes hash chains from the stored messages (promise P6) and runs SQLite's own checks.
 * Messages are streamed from the database, never loaded whole, so it works on any session size.
 */
public final class ChainVerifier {
    private final Store store;

    ChainVerifier(Store store) {
        this.store = store;
    }

    public ChainReport verifySession(String sessionId) {
        return store.reader().read("verify session " + sessionId, c -> verify(c, sessionId, null, new long[1]));
    }

    /**
     * Whether the stored session still begins with the conversation a window remembered: the chain
     * recomputed up to {@code fp.messageCount()} must end in {@code fp.headHash()}, and the whole chain
     * must verify. A session that has only grown since passes.
     */
    public ChainReport checkExtends(String sessionId, Fingerprint fp) {
        return store.reader().read("check session " + sessionId + " against its fingerprint",
                c -> verify(c, sessionId, fp, new long[1]));
    }

    /**
     * SQLite's {@code quick_check} (or the slower {@code integrity_check}) and every session's chain, the
     * sessions split into parts read and hashed side by side on the cores when the store was opened with
     * {@link Store.Options#scanThreads} (see {@link StoreScan}).
     */
    public StoreReport verifyAll(boolean fullIntegrityCheck) {
        String check = sqliteCheckOnFreshConnection(fullIntegrityCheck);
        return StoreScan.run(store.reader(), check, store.scanThreads(), cores(), "ok".equals(check));
    }

    /** Every session's chain in parallel scans, without SQLite's page check (its report says "not run"). */
    public StoreReport verifyChains() {
        return verifyChains(true);
    }

    /**
     * As {@link #verifyChains()}; {@code pagesChecked} says SQLite's own check just passed, so the scan
     * may read through a memory map. Without it the pages are read with plain reads: on a failing disk a
     * mapped read is a SIGBUS that ends the process, a plain one an error the report names.
     */
    public StoreReport verifyChains(boolean pagesChecked) {
        return StoreScan.run(store.reader(), "not run", store.scanThreads(), cores(), pagesChecked);
    }

    private static int cores() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * SQLite's check on a connection of its own: a pooled reader that has searched keeps FTS5's cached
     * index structure from before another connection's write, and integrity_check/quick_check on it
     * (FTS5's check does not refresh that cache) then report "fts5: checksum mismatch" or "fts5:
     * corruption found reading blob N" (a segment the writer has merged away) for an index that a fresh
     * connection finds intact (seen with SQLite 3.54; issue 18 item 16). The check is one statement, so
     * it reads one snapshot while the writer goes on.
     */
    String sqliteCheckOnFreshConnection(boolean full) {
        UiThreadGuard.check("check the store");
        try (Connection c = Connections.reader(store.dbFile(), 5_000, store.isReadOnly())) {
            return sqliteCheck(c, full);
        } catch (SQLException e) {
            throw StoreException.from(e, "check the store", store.dbFile().toString());
        }
    }

    /** {@link PageCheck}: every b-tree's pages without FTS5's index-content check, on a connection of its own. */
    String pageCheckOnFreshConnection() {
        UiThreadGuard.check("check the store's pages");
        try (Connection c = Connections.reader(store.dbFile(), 5_000, store.isReadOnly())) {
            c.setAutoCommit(false); // the checks of every table and the page count read one snapshot
            try {
                return PageCheck.run(c);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw StoreException.from(e, "check the store's pages", store.dbFile().toString());
        }
    }

    static String sqliteCheck(Connection c, boolean full) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(full ? "PRAGMA integrity_check" : "PRAGMA quick_check")) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return String.join("; ", lines);
    }

    private static ChainReport verify(Connection c, String sessionId, Fingerprint expectedPrefix, long[] bytesHashed)
            throws SQLException {
        return verifyFrom(c, sessionId, 0, HashChain.genesis(), expectedPrefix, bytesHashed);
    }

    /**
     * Recomputes the chain after message {@code startCount}, taking {@code startHead} as the proven
     * hash up to there (0 and genesis for the whole chain; the incremental verifier starts later).
     */
    static ChainReport verifyFrom(Connection c, String sessionId, int startCount, String startHead,
                                  Fingerprint expectedPrefix, long[] bytesHashed) throws SQLException {
        Session s = SessionStore.get(c, sessionId).orElse(null);
        if (s == null) {
            return new ChainReport(sessionId, 0, false, 0, "the session is missing from the store", null);
        }
        String head = startHead;
        int expectedSeq = startCount + 1;
        int checked = startCount;
        List<Lineage.Segment> segments;
        try {
            segments = Lineage.of(c, sessionId);
        } catch (StoreException e) {
            return bad(sessionId, checked, expectedSeq, e.getMessage(), head);
        }
        // A fork's first messages are its parent's rows: tampering there breaks the fork's chain too.
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS
                + " FROM messages WHERE session_id = ? AND seq > ? AND seq <= ? ORDER BY seq")) {
            for (Lineage.Segment segment : segments) {
                if (segment.toSeq() <= startCount) {
                    continue;
                }
                String where = segment.sessionId().equals(sessionId) ? "" : " (stored in parent session " + segment.sessionId() + ")";
                ps.setString(1, segment.sessionId());
                ps.setInt(2, Math.max(startCount, segment.fromSeq() - 1));
                ps.setInt(3, segment.toSeq());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Message m;
                        try {
                            m = Rows.message(rs);
                        } catch (IllegalArgumentException unreadable) { // a role or state edited behind the store's back
                            return bad(sessionId, checked, rs.getInt("seq"), "message " + rs.getInt("seq")
                                    + " cannot be read (" + unreadable.getMessage() + ")" + where, head);
                        }
                        if (m.seq() != expectedSeq) {
                            return bad(sessionId, checked, expectedSeq, (m.seq() > expectedSeq
                                    ? "message " + expectedSeq + " is missing (the next stored one is " + m.seq() + ")"
                                    : "message " + m.seq() + " is stored twice or out of order") + where, head);
                        }
                        if (m.state() == MessageState.STREAMING) {
                            if (m.seq() != s.messageCount() + 1 || !where.isEmpty()) {
                                return bad(sessionId, checked, m.seq(), "a streaming reply is not the last message" + where, head);
                            }
                            expectedSeq++;
                            continue; // not part of the chain until it ends
                        }
                        byte[] canonical = GooseMessages.canonicalBytesOfStored(m.body());
                        bytesHashed[0] += canonical.length;
                        String recomputed = HashChain.next(head, canonical);
                        if (!recomputed.equals(m.hash())) {
                            return bad(sessionId, checked, m.seq(),
                                    "content does not match its hash (changed, reordered or damaged)" + where, head);
                        }
                        head = recomputed;
                        checked++;
                        if (expectedPrefix != null && checked == expectedPrefix.messageCount()
                                && !head.equals(expectedPrefix.headHash())) {
                            return bad(sessionId, checked, m.seq(),
                                    "the conversation differs from the one this window showed", head);
                        }
                        expectedSeq++;
                    }
                }
                if (segment.toSeq() != Integer.MAX_VALUE && expectedSeq <= segment.toSeq()) {
                    return bad(sessionId, checked, expectedSeq, "message " + expectedSeq + " is missing" + where, head);
                }
            }
        }
        if (expectedPrefix != null && checked < expectedPrefix.messageCount()) {
            return bad(sessionId, checked, checked + 1, "the session has " + checked + " messages; the window showed "
                    + expectedPrefix.messageCount(), head);
        }
        if (checked != s.messageCount() || !head.equals(s.headHash())) {
            return bad(sessionId, checked, Math.min(checked, s.messageCount()) + 1, "the session record says "
                    + s.messageCount() + " messages ending in " + abbrev(s.headHash()) + ", the chain has " + checked
                    + " ending in " + abbrev(head), head);
        }
        return new ChainReport(sessionId, checked, true, null, null, head);
    }

    private static ChainReport bad(String sessionId, int checked, int seq, String problem, String head) {
        return new ChainReport(sessionId, checked, false, seq, problem, head);
    }

    private static String abbrev(String hash) {
        return hash == null ? "nothing" : hash.substring(0, Math.min(12, hash.length()));
    }
}
