package dev.sessiondesk.store.sync;

import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.MalformedMessageException;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.sync.SyncedMessage;
import dev.sessiondesk.model.sync.SyncedSession;
import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.store.HashChain;
import dev.sessiondesk.store.SessionStore;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies what a pull brought, through the store's one writer, one SQLite transaction per page that
 * also moves the pull cursor (a kill mid-pull repeats the page, never half of it). Every message is
 * checked before it is stored: its hash must be SHA-256(previous hash || its canonical text) and it
 * must continue this device's chain; a message that fails is refused and reported, never stored.
 * When a pulled message takes a seq this device already used for a message the server never
 * accepted, the local divergent tail moves to a branch session (see {@link LocalBranches}).
 */
public final class PulledChanges {
    private final Store store;
    private final LocalBranches branches;

    public PulledChanges(Store store) {
        this.store = store;
        this.branches = new LocalBranches(store);
    }

    /** What one page did; {@code changedSessions} lets windows refresh at once. */
    public record Applied(int sessions, int messages, List<String> branchesMade, List<String> refused,
                          Set<String> changedSessions, long cursor) {
    }

    /**
     * Applies pulled session rows. Most rows another device's message push bumped change nothing here;
     * a page that changes nothing is rolled back instead of committed (no fsync on every device for every
     * remote message), its cursor then stored with the next page of messages ({@link #applyMessages}).
     */
    public Applied applySessions(List<SyncedSession> rows, long cursorAfter) {
        try {
            return store.writer().write("apply " + rows.size() + " pulled sessions", c -> applySessionsIn(c, rows, cursorAfter));
        } catch (Unchanged e) {
            return new Applied(0, 0, List.of(), List.of(), Set.of(), cursorAfter);
        }
    }

    /** Thrown to roll back a page of session rows that wrote nothing. */
    private static final class Unchanged extends RuntimeException {
        Unchanged() {
            super(null, null, false, false);
        }
    }

    private static Applied applySessionsIn(Connection c, List<SyncedSession> rows, long cursorAfter) throws SQLException {
        setApplying(c, true);
        long before = totalChanges(c);
        int applied = 0;
        List<String> branchNotes = new ArrayList<>();
        Set<String> changed = new HashSet<>();
        for (SyncedSession r : rows) {
            if (purgedHere(c, r.id())) {
                continue; // deleted for good on this device; other devices keep their copy
            }
            HlcReceive.observe(c, r.titleHlc(), r.pinnedHlc(), r.archivedHlc(), r.trashHlc());
            if (SessionFields.insertIfMissing(c, r)) {
                applied++;
                changed.add(r.id());
                if (LocalBranches.ORIGIN.equals(r.origin())) {
                    branchNotes.add("another device made the branch \"" + r.title() + "\"");
                }
            } else if (SessionFields.mergeFields(c, r)) {
                applied++;
                changed.add(r.id());
            }
        }
        if (totalChanges(c) == before) {
            throw new Unchanged();
        }
        setApplying(c, false);
        SyncLedger.setCursor(c, SyncLedger.SESSIONS_CURSOR, cursorAfter);
        return new Applied(applied, 0, branchNotes, List.of(), changed, cursorAfter);
    }

    private static boolean purgedHere(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sync_state WHERE key = ?")) {
            ps.setString(1, SessionStore.PURGED_MARK + sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static long totalChanges(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT total_changes()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The sessions a page of pulled messages belongs to that this device does not hold. */
    public Set<String> unknownSessions(List<SyncedMessage> page) {
        Set<String> ids = new HashSet<>();
        page.forEach(m -> ids.add(m.sessionId()));
        return store.reader().read("look up the sessions of " + page.size() + " pulled messages", c -> {
            Set<String> unknown = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sessions WHERE id = ?")) {
                for (String id : ids) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() && !purgedHere(c, id)) {
                            unknown.add(id);
                        }
                    }
                }
            }
            return unknown;
        });
    }

    /**
     * Applies a page of pulled messages (in change order). {@code cursorAfter} is the last change
     * number of the page; the stored cursor stops before a message that had to wait (a local reply is
     * still streaming into its session), so that one comes again with the next pull.
     */
    public Applied applyMessages(List<SyncedMessage> page, long cursorAfter, String deviceLabel, long sessionsCursor) {
        return store.writer().write("apply " + page.size() + " pulled messages", c -> {
            setApplying(c, true);
            PageState st = new PageState();
            long cursor = cursorAfter;
            for (SyncedMessage m : page) {
                if (st.blocked.contains(m.sessionId())) {
                    continue;
                }
                Head h = st.head(c, m.sessionId());
                if (h == null) {
                    continue; // purged on this device (the pull read the session rows again before this page)
                }
                if (h.streaming) {
                    st.blocked.add(m.sessionId());
                    cursor = Math.min(cursor, m.changeNo() - 1);
                    continue;
                }
                NewMessage body = verified(m, st);
                if (body == null) {
                    st.blocked.add(m.sessionId());
                    continue;
                }
                if (m.seq() <= h.count) {
                    st.flush(c);
                    String local = SyncLedger.hashAt(c, m.sessionId(), m.seq());
                    if (m.hash().equals(local)) {
                        st.serverHas(m.sessionId(), m.seq());
                        continue; // this device's own message (or one already pulled)
                    }
                    setApplying(c, false);
                    st.branches.add(branches.moveTailToBranch(c, m.sessionId(), m.seq(), deviceLabel));
                    setApplying(c, true);
                    st.heads.remove(m.sessionId());
                    h = st.head(c, m.sessionId());
                }
                if (m.seq() != h.count + 1 || !m.prevHash().equals(h.head)) {
                    st.refused.add("message " + m.seq() + " of session " + m.sessionId() + " (server change "
                            + m.changeNo() + ") does not continue this device's chain at message " + h.count
                            + "; it was not stored");
                    st.blocked.add(m.sessionId());
                    continue;
                }
                st.add(c, m, body);
                h.count = m.seq();
                h.head = m.hash();
            }
            st.flush(c);
            for (Map.Entry<String, Integer> e : st.serverCounts.entrySet()) {
                if (SyncLedger.serverCount(c, e.getKey()) < e.getValue()) {
                    SyncLedger.setServerCount(c, e.getKey(), e.getValue());
                }
            }
            setApplying(c, false);
            SyncLedger.setCursor(c, SyncLedger.MESSAGES_CURSOR, cursor);
            if (SyncLedger.cursor(c, SyncLedger.SESSIONS_CURSOR) < sessionsCursor) {
                SyncLedger.setCursor(c, SyncLedger.SESSIONS_CURSOR, sessionsCursor); // rows applied without a commit
            }
            return new Applied(0, st.applied, st.branches, st.refused, st.changed, cursor);
        });
    }

    /** The message as the store will hash it, or null (and a reason in the report) when it is not content-addressed. */
    private static NewMessage verified(SyncedMessage m, PageState st) {
        byte[] bytes = m.canonical().getBytes(StandardCharsets.UTF_8);
        String where = "message " + m.seq() + " of session " + m.sessionId() + " (server change " + m.changeNo() + ")";
        if (m.prevHash() == null || m.hash() == null || !HashChain.next(m.prevHash(), bytes).equals(m.hash())) {
            st.refused.add(where + ": its hash does not match its content; it was refused and not stored");
            return null;
        }
        try {
            NewMessage body = GooseMessages.parse(m.canonical());
            // parse() writes the content canonically, so the cheap assembly equals canonicalBytes(body)
            if (!Arrays.equals(GooseMessages.canonicalBytesOfStored(body), bytes)) {
                st.refused.add(where + ": its text is not in canonical form; it was refused and not stored");
                return null;
            }
            return body;
        } catch (MalformedMessageException e) {
            st.refused.add(where + ": " + e.getMessage() + "; it was refused and not stored");
            return null;
        }
    }

    static void setApplying(Connection c, boolean applying) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sync_clock SET applying = ? WHERE id = 1")) {
            ps.setInt(1, applying ? 1 : 0);
            ps.executeUpdate();
        }
    }

    private static final class Head {
        int count;
        String head;
        boolean streaming;
    }

    /** Per page: each session's head as messages are added, and the run of messages not yet written. */
    private final class PageState {
        final Map<String, Head> heads = new HashMap<>();
        final Set<String> blocked = new HashSet<>();
        final Set<String> changed = new HashSet<>();
        final List<String> refused = new ArrayList<>();
        final List<String> branches = new ArrayList<>();
        final Map<String, Integer> serverCounts = new HashMap<>();
        String pendingSession;
        final List<NewMessage> pending = new ArrayList<>();
        final List<String> pendingHashes = new ArrayList<>();
        int applied;

        Head head(Connection c, String sessionId) throws SQLException {
            Head h = heads.get(sessionId);
            if (h != null) {
                return h;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT message_count, head_hash,"
                    + " EXISTS (SELECT 1 FROM messages m WHERE m.session_id = s.id AND m.state = 'streaming')"
                    + " FROM sessions s WHERE id = ?")) {
                ps.setString(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    h = new Head();
                    h.count = rs.getInt(1);
                    h.head = rs.getString(2);
                    h.streaming = rs.getInt(3) != 0;
                }
            }
            heads.put(sessionId, h);
            return h;
        }

        void add(Connection c, SyncedMessage m, NewMessage body) throws SQLException {
            if (pendingSession != null && !pendingSession.equals(m.sessionId())) {
                flush(c);
            }
            pendingSession = m.sessionId();
            pending.add(body);
            pendingHashes.add(m.hash());
            serverHas(m.sessionId(), m.seq());
        }

        void serverHas(String sessionId, int seq) {
            serverCounts.merge(sessionId, seq, Math::max);
        }

        void flush(Connection c) throws SQLException {
            if (pending.isEmpty()) {
                return;
            }
            sameHashes(store.messages().appendAllIn(c, pendingSession, pending, System.currentTimeMillis()),
                    pendingHashes, "apply pulled messages to session " + pendingSession);
            applied += pending.size();
            changed.add(pendingSession);
            pending.clear();
            pendingHashes.clear();
            pendingSession = null;
        }
    }

    /** The store hashed exactly what the server said (else the whole page rolls back). */
    static void sameHashes(List<AppendResult> stored, List<String> expected, String doing) {
        for (int i = 0; i < stored.size(); i++) {
            if (!stored.get(i).hash().equals(expected.get(i))) {
                throw new StoreException(StoreException.Kind.CORRUPT, "cannot " + doing + ": message "
                        + stored.get(i).seq() + " hashes differently here than on the server; nothing was changed");
            }
        }
    }
}
