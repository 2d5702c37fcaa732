package dev.sessiondesk.store;

import dev.sessiondesk.model.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Brings one session's messages back from another store file (a verified backup) without touching any
 * other session: the backup's own rows of that session replace the stored ones up to the backup's
 * count, messages stored after that are kept, and the result must recompute before it is committed —
 * one transaction of the one writer, so a failure leaves the session exactly as it was.
 */
public final class SessionTransplant {

    /** What came back: rows from the backup, later rows kept from the store, and the session's chain now. */
    public record Result(String sessionId, int fromBackup, int keptFromStore, ChainReport chain) {
    }

    private SessionTransplant() {
    }

    /**
     * @param into the open store (written through its writer)
     * @param from the backup, opened read-only
     * @throws StoreException CONFLICT when the session would not recompute afterwards (nothing changed)
     */
    public static Result replace(Store into, Store from, String sessionId) {
        List<Message> incoming = from.messages().listOwn(sessionId);
        int upTo = incoming.stream().mapToInt(Message::seq).max().orElse(0);
        return into.writer().write("restore session " + sessionId + " from " + from.dbFile().getFileName(), c -> {
            if (SessionStore.get(c, sessionId).isEmpty()) {
                throw new StoreException(StoreException.Kind.NOT_FOUND, "session " + sessionId
                        + " is not in the store; restore it as a whole or import the backup's copy");
            }
            int kept = countAfter(c, sessionId, upTo);
            deleteUpTo(c, sessionId, upTo);
            long now = System.currentTimeMillis();
            try (PreparedStatement ins = c.prepareStatement(Forks.INSERT_ROW);
                 PreparedStatement fts = c.prepareStatement(ChainWrites.INSERT_FTS_LAST)) {
                for (Message m : incoming) {
                    Forks.insertCopy(ins, fts, sessionId, m, now);
                }
            }
            ChainReport chain = ChainVerifier.verifyFrom(c, sessionId, 0, HashChain.genesis(), null, new long[1]);
            if (!chain.ok() && upTo > 0) {
                // The record's count or head may be what was damaged: take them from the recomputed chain
                // only when every message recomputes, and the count is the chain's own.
                chain = resealRecord(c, sessionId, chain, upTo);
            }
            if (!chain.ok()) {
                throw new StoreException(StoreException.Kind.CONFLICT, "the backup's copy of session " + sessionId
                        + " does not fit what is stored after it (message " + chain.firstBadSeq() + ": "
                        + chain.problem() + "); nothing was changed");
            }
            return new Result(sessionId, incoming.size(), kept, chain);
        });
    }

    private static int countAfter(Connection c, String sessionId, int upTo) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM messages WHERE session_id = ? AND seq > ?")) {
            ps.setString(1, sessionId);
            ps.setInt(2, upTo);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void deleteUpTo(Connection c, String sessionId, int upTo) throws SQLException {
        try (PreparedStatement fts = c.prepareStatement(
                "DELETE FROM messages_fts WHERE rowid IN (SELECT id FROM messages WHERE session_id = ? AND seq <= ?)");
             PreparedStatement owners = c.prepareStatement(
                     "DELETE FROM stream_owners WHERE message_row IN (SELECT id FROM messages WHERE session_id = ? AND seq <= ?)");
             PreparedStatement msgs = c.prepareStatement("DELETE FROM messages WHERE session_id = ? AND seq <= ?")) {
            for (PreparedStatement ps : new PreparedStatement[] {fts, owners, msgs}) {
                ps.setString(1, sessionId);
                ps.setInt(2, upTo);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM verified_heads WHERE session_id = ?")) {
            ps.setString(1, sessionId);
            ps.executeUpdate(); // what was proven before is about the rows just replaced
        }
    }

    /** The session record's count and head from a chain whose only complaint is the record itself. */
    private static ChainReport resealRecord(Connection c, String sessionId, ChainReport chain, int upTo)
            throws SQLException {
        if (chain.problem() == null || !chain.problem().startsWith("the session record says")
                || chain.messagesChecked() < upTo) {
            return chain;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET message_count = ?, head_hash = ? WHERE id = ?")) {
            ps.setInt(1, chain.messagesChecked());
            ps.setString(2, chain.recomputedHead());
            ps.setString(3, sessionId);
            ps.executeUpdate();
        }
        return ChainVerifier.verifyFrom(c, sessionId, 0, HashChain.genesis(), null, new long[1]);
    }
}
