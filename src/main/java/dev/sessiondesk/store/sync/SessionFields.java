package dev.sessiondesk.store.sync;

import dev.sessiondesk.model.sync.Hlc;
import dev.sessiondesk.model.sync.SyncedSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A pulled session row meets the local one: a session new to this device is created with the same
 * id; for a known one each mutable field takes the later writer's value (by hybrid logical clock),
 * except titles, where a user title beats an automatic one first. A user title that loses stays in
 * the session's title history. Runs with {@code sync_clock.applying = 1}: nothing is echoed back.
 */
final class SessionFields {
    private SessionFields() {
    }

    static boolean insertIfMissing(Connection c, SyncedSession r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sessions WHERE id = ?")) {
            ps.setString(1, r.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessions(id, title, title_source, working_dir,"
                + " created_at, updated_at, last_activity, message_count, head_hash, pinned, archived_at, deleted_at,"
                + " origin, parent_session_id, parent_seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, r.id());
            ps.setString(2, r.title() == null ? "" : r.title());
            ps.setString(3, r.titleSource() == null ? "none" : r.titleSource());
            ps.setString(4, r.workingDir());
            ps.setLong(5, r.createdAt());
            ps.setLong(6, r.createdAt());
            ps.setLong(7, r.lastActivity());
            ps.setInt(8, r.baseSeq());
            ps.setString(9, r.baseHash());
            ps.setInt(10, r.pinned() ? 1 : 0);
            ps.setObject(11, r.archivedAt());
            ps.setObject(12, r.deletedAt());
            ps.setString(13, r.origin());
            ps.setString(14, r.parentSessionId());
            ps.setObject(15, r.parentSeq());
            ps.executeUpdate();
        }
        stamp(c, r.id(), "title", r.titleHlc());
        stamp(c, r.id(), "pinned", r.pinnedHlc());
        stamp(c, r.id(), "archived", r.archivedHlc());
        stamp(c, r.id(), "trash", r.trashHlc());
        SyncLedger.setServerCount(c, r.id(), r.baseSeq());
        return true;
    }

    /** Returns whether any field changed here. */
    static boolean mergeFields(Connection c, SyncedSession r) throws SQLException {
        String[] hlc = {Hlc.ZERO, Hlc.ZERO, Hlc.ZERO, Hlc.ZERO};
        try (PreparedStatement ps = c.prepareStatement("SELECT field, hlc FROM sync_fields WHERE session_id = ?")) {
            ps.setString(1, r.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hlc[SyncLedger.fieldIndex(rs.getString(1))] = rs.getString(2);
                }
            }
        }
        String title;
        String source;
        String parent;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT title, title_source, parent_session_id FROM sessions WHERE id = ?")) {
            ps.setString(1, r.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                title = rs.getString(1);
                source = rs.getString(2);
                parent = rs.getString(3);
            }
        }
        boolean changed = false;
        boolean sameTitle = title.equals(r.title()) && source.equals(r.titleSource());
        if (!sameTitle && SyncedSession.titleBeats(r.titleSource(), r.titleHlc(), source, hlc[0])) {
            if ("user".equals(source)) {
                remember(c, r.id(), title, source, hlc[0]);
            }
            update(c, "UPDATE sessions SET title = ?, title_source = ? WHERE id = ?", r.title(), r.titleSource(), r.id());
            stamp(c, r.id(), "title", r.titleHlc());
            changed = true;
        } else if (!sameTitle && "user".equals(r.titleSource())) {
            remember(c, r.id(), r.title(), r.titleSource(), r.titleHlc()); // lost here, kept in history
        }
        if (Hlc.compare(r.pinnedHlc(), hlc[1]) > 0) {
            update(c, "UPDATE sessions SET pinned = ? WHERE id = ?", r.pinned() ? 1 : 0, r.id());
            stamp(c, r.id(), "pinned", r.pinnedHlc());
            changed = true;
        }
        if (Hlc.compare(r.archivedHlc(), hlc[2]) > 0) {
            update(c, "UPDATE sessions SET archived_at = ? WHERE id = ?", r.archivedAt(), r.id());
            stamp(c, r.id(), "archived", r.archivedHlc());
            changed = true;
        }
        if (Hlc.compare(r.trashHlc(), hlc[3]) > 0) {
            update(c, "UPDATE sessions SET deleted_at = ?, is_active = CASE WHEN ? IS NULL THEN is_active ELSE 0 END"
                    + " WHERE id = ?", r.deletedAt(), r.deletedAt(), r.id());
            stamp(c, r.id(), "trash", r.trashHlc());
            changed = true;
        }
        if (parent == null && r.parentSessionId() != null) {
            update(c, "UPDATE sessions SET parent_session_id = ?, parent_seq = ? WHERE id = ?",
                    r.parentSessionId(), r.parentSeq(), r.id());
        }
        return changed;
    }

    private static void remember(Connection c, String id, String title, String source, String hlc) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_title_history(session_id, title, title_source,"
                + " hlc, replaced_at) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM sync_title_history"
                + " WHERE session_id = ? AND title = ?)")) {
            ps.setString(1, id);
            ps.setString(2, title);
            ps.setString(3, source);
            ps.setString(4, hlc);
            ps.setLong(5, System.currentTimeMillis());
            ps.setString(6, id);
            ps.setString(7, title);
            ps.executeUpdate();
        }
    }

    private static void stamp(Connection c, String id, String field, String hlc) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_fields(session_id, field, hlc) VALUES (?,?,?)"
                + " ON CONFLICT(session_id, field) DO UPDATE SET hlc = excluded.hlc")) {
            ps.setString(1, id);
            ps.setString(2, field);
            ps.setString(3, hlc == null ? Hlc.ZERO : hlc);
            ps.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
