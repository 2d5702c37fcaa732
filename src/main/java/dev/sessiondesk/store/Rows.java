package dev.sessiondesk.store;

import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import dev.sessiondesk.model.WindowBinding;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Row → record mapping, one place per table. */
final class Rows {
    static final String SESSION_COLUMNS = "id, title, title_source, working_dir, created_at, updated_at, last_activity,"
            + " message_count, head_hash, pinned, archived_at, deleted_at, origin, external_ref, parent_session_id,"
            + " parent_seq, is_active";
    static final String MESSAGE_COLUMNS = "id, session_id, seq, message_id, role, created, content_json,"
            + " user_visible, agent_visible, state, hash";
    static final String WINDOW_COLUMNS = "window_id, session_id, x, y, width, height, maximized, z_order, focused,"
            + " fp_count, fp_head, open, updated_at";

    private Rows() {
    }

    static Session session(ResultSet rs) throws SQLException {
        return new Session(
                rs.getString(1), rs.getString(2), TitleSource.fromWire(rs.getString(3)), rs.getString(4),
                rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getInt(8), rs.getString(9), rs.getInt(10) != 0,
                nullableLong(rs, 11), nullableLong(rs, 12), rs.getString(13), rs.getString(14), rs.getString(15),
                nullableInt(rs, 16), rs.getInt(17) != 0);
    }

    static Message message(ResultSet rs) throws SQLException {
        return new Message(
                rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), Role.fromWire(rs.getString(5)),
                rs.getLong(6), rs.getString(7), rs.getInt(8) != 0, rs.getInt(9) != 0,
                MessageState.fromWire(rs.getString(10)), rs.getString(11));
    }

    static WindowBinding window(ResultSet rs) throws SQLException {
        return new WindowBinding(
                rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6),
                rs.getInt(7) != 0, rs.getInt(8), rs.getInt(9) != 0, new Fingerprint(rs.getInt(10), rs.getString(11)),
                rs.getInt(12) != 0, rs.getLong(13));
    }

    private static Long nullableLong(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet rs, int col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }
}
