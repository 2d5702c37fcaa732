package dev.sessiondesk.store;

import dev.sessiondesk.model.WindowBinding;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The persisted window → session mapping (promise P4): written on every change, read at start. */
public final class WindowBindingStore {
    private final Store store;

    WindowBindingStore(Store store) {
        this.store = store;
    }

    public void save(WindowBinding w) {
        store.writer().write("save window " + w.windowId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO windows(" + Rows.WINDOW_COLUMNS + ")"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(window_id) DO UPDATE SET"
                    + " session_id = excluded.session_id, x = excluded.x, y = excluded.y, width = excluded.width,"
                    + " height = excluded.height, maximized = excluded.maximized, z_order = excluded.z_order,"
                    + " focused = excluded.focused, fp_count = excluded.fp_count, fp_head = excluded.fp_head,"
                    + " open = excluded.open, updated_at = excluded.updated_at")) {
                ps.setString(1, w.windowId());
                ps.setString(2, w.sessionId());
                ps.setDouble(3, w.x());
                ps.setDouble(4, w.y());
                ps.setDouble(5, w.width());
                ps.setDouble(6, w.height());
                ps.setInt(7, w.maximized() ? 1 : 0);
                ps.setInt(8, w.zOrder());
                ps.setInt(9, w.focused() ? 1 : 0);
                ps.setInt(10, w.fingerprint().messageCount());
                ps.setString(11, w.fingerprint().headHash());
                ps.setInt(12, w.open() ? 1 : 0);
                ps.setLong(13, System.currentTimeMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Windows to reopen at start, back to front. */
    public List<WindowBinding> openWindows() {
        return query("SELECT " + Rows.WINDOW_COLUMNS + " FROM windows WHERE open = 1 ORDER BY z_order, window_id");
    }

    public List<WindowBinding> all() {
        return query("SELECT " + Rows.WINDOW_COLUMNS + " FROM windows ORDER BY window_id");
    }

    public Optional<WindowBinding> get(String windowId) {
        return all().stream().filter(w -> w.windowId().equals(windowId)).findFirst();
    }

    /** A window the user closed: it stays closed after a restart; its draft goes with it. */
    public void close(String windowId) {
        store.writer().write("close window " + windowId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE windows SET open = 0, focused = 0, updated_at = ? WHERE window_id = ?");
                 PreparedStatement draft = c.prepareStatement("DELETE FROM drafts WHERE window_id = ?")) {
                ps.setLong(1, System.currentTimeMillis());
                ps.setString(2, windowId);
                ps.executeUpdate();
                draft.setString(1, windowId);
                draft.executeUpdate();
            }
            return null;
        });
    }

    private List<WindowBinding> query(String sql) {
        return store.reader().read("read the window layout", c -> {
            List<WindowBinding> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Rows.window(rs));
                }
            }
            return out;
        });
    }
}
