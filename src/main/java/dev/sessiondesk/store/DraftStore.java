package dev.sessiondesk.store;

import dev.sessiondesk.model.Draft;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** Unsent composer text per window, so a crash never costs what the user was typing. */
public final class DraftStore {
    private final Store store;

    DraftStore(Store store) {
        this.store = store;
    }

    public void save(String windowId, String text) {
        store.writer().write("save the draft of window " + windowId, c -> {
            if (text == null || text.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM drafts WHERE window_id = ?")) {
                    ps.setString(1, windowId);
                    ps.executeUpdate();
                }
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO drafts(window_id, text, updated_at) VALUES (?,?,?)"
                    + " ON CONFLICT(window_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at")) {
                ps.setString(1, windowId);
                ps.setString(2, text);
                ps.setLong(3, System.currentTimeMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Draft> get(String windowId) {
        return store.reader().read("read the draft of window " + windowId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT window_id, text, updated_at FROM drafts WHERE window_id = ?")) {
                ps.setString(1, windowId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Draft(rs.getString(1), rs.getString(2), rs.getLong(3)))
                            : Optional.<Draft>empty();
                }
            }
        });
    }
}
