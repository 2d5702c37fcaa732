package dev.sessiondesk.store.remote;

import dev.sessiondesk.model.sync.SyncedSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@code sessiondesk.sessions} rows: the field-wise merge on push, and the pull by change number. */
final class SessionRows {
    private static final String WINS_TITLE = "(sessiondesk.title_rank(excluded.title_source), excluded.title_hlc)"
            + " > (sessiondesk.title_rank(s.title_source), s.title_hlc)";

    private SessionRows() {
    }

    static void upsert(Connection c, SyncedSession r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessiondesk.sessions AS s (id, device_id, created_at,"
                + " working_dir, origin, parent_session_id, parent_seq, base_seq, base_hash, head_seq, head_hash, title,"
                + " title_source, title_hlc, pinned, pinned_hlc, archived_at, archived_hlc, deleted_at, trash_hlc,"
                + " last_activity, agent_slug, agent_status, agent_session_type, agent_session_dir, agent_project_dir)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (id) DO UPDATE SET"
                + " title = CASE WHEN " + WINS_TITLE + " THEN excluded.title ELSE s.title END,"
                + " title_source = CASE WHEN " + WINS_TITLE + " THEN excluded.title_source ELSE s.title_source END,"
                + " title_hlc = CASE WHEN " + WINS_TITLE + " THEN excluded.title_hlc ELSE s.title_hlc END,"
                + " pinned = CASE WHEN excluded.pinned_hlc > s.pinned_hlc THEN excluded.pinned ELSE s.pinned END,"
                + " pinned_hlc = greatest(s.pinned_hlc, excluded.pinned_hlc),"
                + " archived_at = CASE WHEN excluded.archived_hlc > s.archived_hlc THEN excluded.archived_at ELSE s.archived_at END,"
                + " archived_hlc = greatest(s.archived_hlc, excluded.archived_hlc),"
                + " deleted_at = CASE WHEN excluded.trash_hlc > s.trash_hlc THEN excluded.deleted_at ELSE s.deleted_at END,"
                + " trash_hlc = greatest(s.trash_hlc, excluded.trash_hlc),"
                + " parent_session_id = coalesce(s.parent_session_id, excluded.parent_session_id),"
                + " parent_seq = coalesce(s.parent_seq, excluded.parent_seq),"
                + " working_dir = coalesce(s.working_dir, excluded.working_dir),"
                + " last_activity = greatest(s.last_activity, excluded.last_activity),"
                + " agent_slug = coalesce(excluded.agent_slug, s.agent_slug),"
                + " agent_status = coalesce(excluded.agent_status, s.agent_status),"
                + " agent_session_type = coalesce(excluded.agent_session_type, s.agent_session_type),"
                + " agent_session_dir = coalesce(excluded.agent_session_dir, s.agent_session_dir),"
                + " agent_project_dir = coalesce(excluded.agent_project_dir, s.agent_project_dir),"
                + " change_no = nextval('sessiondesk.session_changes'), updated_at = now()")) {
            int i = 1;
            ps.setString(i++, r.id());
            ps.setString(i++, r.deviceId());
            ps.setLong(i++, r.createdAt());
            ps.setString(i++, r.workingDir());
            ps.setString(i++, r.origin());
            ps.setString(i++, r.parentSessionId());
            ps.setObject(i++, r.parentSeq());
            ps.setInt(i++, r.baseSeq());
            ps.setString(i++, r.baseHash());
            ps.setInt(i++, r.baseSeq());
            ps.setString(i++, r.baseHash());
            ps.setString(i++, r.title() == null ? "" : r.title());
            ps.setString(i++, r.titleSource() == null ? "none" : r.titleSource());
            ps.setString(i++, r.titleHlc());
            ps.setBoolean(i++, r.pinned());
            ps.setString(i++, r.pinnedHlc());
            ps.setObject(i++, r.archivedAt());
            ps.setString(i++, r.archivedHlc());
            ps.setObject(i++, r.deletedAt());
            ps.setString(i++, r.trashHlc());
            ps.setLong(i++, r.lastActivity());
            SyncedSession.AgentFacts a = r.agent();
            ps.setString(i++, a == null ? null : a.slug());
            ps.setString(i++, a == null ? null : a.status());
            ps.setString(i++, a == null ? null : a.sessionType());
            ps.setString(i++, a == null ? null : a.sessionDir());
            ps.setString(i, a == null ? null : a.projectDir());
            ps.executeUpdate();
        }
        if ("user".equals(r.titleSource())) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessiondesk.session_titles(session_id, title,"
                    + " title_source, hlc, device_id) VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, r.id());
                ps.setString(2, r.title());
                ps.setString(3, r.titleSource());
                ps.setString(4, r.titleHlc());
                ps.setString(5, r.deviceId());
                ps.executeUpdate();
            }
        }
    }

    static List<SyncedSession> after(Connection c, long afterChange, int limit) throws SQLException {
        List<SyncedSession> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, device_id, created_at, working_dir, origin,"
                + " parent_session_id, parent_seq, base_seq, base_hash, title, title_source, title_hlc, pinned, pinned_hlc,"
                + " archived_at, archived_hlc, deleted_at, trash_hlc, last_activity, agent_slug, agent_status,"
                + " agent_session_type, agent_session_dir, agent_project_dir, change_no"
                + " FROM sessiondesk.sessions WHERE change_no > ? ORDER BY change_no LIMIT ?")) {
            ps.setLong(1, afterChange);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SyncedSession.AgentFacts agent = rs.getString(20) == null ? null : new SyncedSession.AgentFacts(
                            rs.getString(20), rs.getString(21), rs.getString(22), rs.getString(23), rs.getString(24));
                    out.add(new SyncedSession(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), (Integer) rs.getObject(7), rs.getInt(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getString(12), rs.getBoolean(13), rs.getString(14),
                            (Long) rs.getObject(15), rs.getString(16), (Long) rs.getObject(17), rs.getString(18),
                            rs.getLong(19), agent, rs.getLong(25)));
                }
            }
        }
        return out;
    }
}
