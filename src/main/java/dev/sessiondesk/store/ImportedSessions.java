package dev.sessiondesk.store;

import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Session;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rows an import reads and writes inside its one transaction: a session by its origin and
 * external ref, its stored hashes, the fields an import sets, and where it came from
 * ({@code session_imports}).
 */
public final class ImportedSessions {
    /** A session imported before: its id, how many messages and which head it has, and whether it is in the trash. */
    public record Existing(String id, int count, String head, Long deletedAt) {
    }

    private final Store store;

    public ImportedSessions(Store store) {
        this.store = store;
    }

    public Optional<Existing> find(StoreTx tx, String origin, String ref) {
        return tx.sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, message_count, head_hash, deleted_at FROM sessions"
                    + " WHERE origin = ? AND external_ref = ?")) {
                ps.setString(1, origin);
                ps.setString(2, ref);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Existing>empty();
                    }
                    long deleted = rs.getLong(4);
                    Long deletedAt = rs.wasNull() ? null : deleted;
                    return Optional.of(new Existing(rs.getString(1), rs.getInt(2), rs.getString(3), deletedAt));
                }
            }
        });
    }

    /** The stored logical hash at {@code seq} (a fork's prefix is its parent's), or null when there is none. */
    public String storedHash(StoreTx tx, String sessionId, int seq) {
        return tx.sql(c -> store.messages().hashAtIn(c, sessionId, seq));
    }

    /** The message ids of the session's own rows 1..{@code uptoSeq}, in order (fewer for a fork's prefix). */
    public List<String> storedMessageIds(StoreTx tx, String sessionId, int uptoSeq) {
        return tx.sql(c -> {
            List<String> out = new ArrayList<>(uptoSeq);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT message_id FROM messages WHERE session_id = ? AND seq <= ? ORDER BY seq")) {
                ps.setString(1, sessionId);
                ps.setInt(2, uptoSeq);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    public Session insert(StoreTx tx, NewSession spec) {
        return tx.sql(c -> store.sessions().insert(c, spec));
    }

    /** A branch that shares its parent's first {@code shared} messages by reference. */
    public Session insertFork(StoreTx tx, NewSession spec, String parentId, int shared) {
        return tx.sql(c -> store.messages().insertForkIn(c, spec, parentId, shared));
    }

    public void appendAll(StoreTx tx, String sessionId, List<NewMessage> messages, long now) {
        tx.sql(c -> store.messages().appendAllIn(c, sessionId, messages, now));
    }

    /** What the source says beyond the session's row: how it was titled, whether archived, its parent. */
    public void setImportedFields(StoreTx tx, String sessionId, String titleSource, Long archivedAt, String parentId,
                                  Integer parentSeq) {
        tx.sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET title_source = ?, archived_at = ?,"
                    + " parent_session_id = ?, parent_seq = ? WHERE id = ?")) {
                ps.setString(1, titleSource);
                ps.setObject(2, archivedAt);
                ps.setString(3, parentId);
                ps.setObject(4, parentSeq);
                ps.setString(5, sessionId);
                return ps.executeUpdate();
            }
        });
    }

    public void setLastActivity(StoreTx tx, String sessionId, long lastActivity) {
        tx.sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET last_activity = ? WHERE id = ?")) {
                ps.setLong(1, lastActivity);
                ps.setString(2, sessionId);
                return ps.executeUpdate();
            }
        });
    }

    /** Where the session was imported from (the newest import wins) and why it is partial, if it is. */
    public void recordProvenance(StoreTx tx, String sessionId, String format, String sourcePath, String partialReason) {
        tx.sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO session_imports(session_id, format, source_path,"
                    + " imported_at, partial_reason) VALUES (?,?,?,?,?) ON CONFLICT(session_id) DO UPDATE SET"
                    + " format = excluded.format, source_path = excluded.source_path, imported_at = excluded.imported_at,"
                    + " partial_reason = excluded.partial_reason")) {
                ps.setString(1, sessionId);
                ps.setString(2, format);
                ps.setString(3, sourcePath);
                ps.setLong(4, System.currentTimeMillis());
                ps.setString(5, partialReason);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Links a fork to its parent unless it has one already. It stored all its messages, so the link is
     * provenance only (parent_seq NULL: nothing is read from the parent).
     */
    public void linkParent(StoreTx tx, String sessionId, String parentId) {
        tx.sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET parent_session_id = ?, parent_seq = NULL"
                    + " WHERE id = ? AND parent_session_id IS NULL")) {
                ps.setString(1, parentId);
                ps.setString(2, sessionId);
                return ps.executeUpdate();
            }
        });
    }
}
