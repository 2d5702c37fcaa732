package dev.sessiondesk.store;

import dev.sessiondesk.model.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Verifies the chain of a session a window opens without re-hashing all of it: the store remembers
 * (in {@code verified_heads}) how many messages were last proven and the head they hash to, so an
 * open hashes only what came after. The remembered head must still be the stored hash of that
 * message, so a rewrite of the verified part's tail is still caught; a full {@code verify} covers
 * everything else.
 */
public final class IncrementalVerifier {
    private static final int FIRST_VERSION_WITH_TABLE = 3;

    /** The chain report, how many messages were taken as already verified, and how many were hashed now. */
    public record Result(ChainReport chain, int alreadyVerified, int newlyHashed) {
        public boolean ok() {
            return chain.ok();
        }
    }

    private final Store store;

    public IncrementalVerifier(Store store) {
        this.store = store;
    }

    public Result verify(String sessionId) {
        boolean remembers = store.schemaVersion() >= FIRST_VERSION_WITH_TABLE;
        Result result = store.reader().read("verify the new messages of session " + sessionId,
                c -> verifyFrom(c, sessionId, remembers ? remembered(c, sessionId) : null));
        if (result.ok() && remembers && !store.isReadOnly() && result.newlyHashed() > 0) {
            remember(sessionId, result.chain().messagesChecked(), result.chain().recomputedHead());
        }
        return result;
    }

    private static Checkpoint remembered(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT message_count, head_hash FROM verified_heads WHERE session_id = ?")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Checkpoint(rs.getInt(1), rs.getString(2)) : null;
            }
        }
    }

    private record Checkpoint(int count, String head) {
    }

    private static Result verifyFrom(Connection c, String sessionId, Checkpoint from) throws SQLException {
        Session s = SessionStore.get(c, sessionId).orElse(null);
        if (s == null) {
            return new Result(new ChainReport(sessionId, 0, false, 0, "the session is missing from the store", null), 0, 0);
        }
        int start = 0;
        String head = HashChain.genesis();
        if (from != null && from.count() > 0 && from.count() <= s.messageCount()) {
            String stored;
            try {
                stored = Lineage.hashAt(c, sessionId, from.count());
            } catch (StoreException e) {
                stored = null;
            }
            if (!from.head().equals(stored)) {
                return new Result(new ChainReport(sessionId, from.count() - 1, false, from.count(),
                        "message " + from.count() + " changed since it was last verified", null), 0, 0);
            }
            start = from.count();
            head = from.head();
        }
        ChainReport report = ChainVerifier.verifyFrom(c, sessionId, start, head, null, new long[1]);
        return new Result(report, start, Math.max(0, report.messagesChecked() - start));
    }

    private void remember(String sessionId, int count, String head) {
        store.writer().write("remember the verified head of session " + sessionId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO verified_heads(session_id, message_count,"
                    + " head_hash, verified_at) VALUES (?,?,?,?) ON CONFLICT(session_id) DO UPDATE SET"
                    + " message_count = excluded.message_count, head_hash = excluded.head_hash,"
                    + " verified_at = excluded.verified_at WHERE excluded.message_count >= verified_heads.message_count")) {
                ps.setString(1, sessionId);
                ps.setInt(2, count);
                ps.setString(3, head);
                ps.setLong(4, System.currentTimeMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }
}
