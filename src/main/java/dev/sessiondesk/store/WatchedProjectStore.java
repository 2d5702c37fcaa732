package dev.sessiondesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The {@code watched_projects} table: the agent project folders the user follows, by their stored path. */
public final class WatchedProjectStore {
    private final Store store;

    public WatchedProjectStore(Store store) {
        this.store = store;
    }

    /** Adds the path; adding it twice is harmless. */
    public void add(String path) {
        store.writer().write("follow the agent project " + path, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO watched_projects(path, added_at) VALUES (?, ?) ON CONFLICT(path) DO NOTHING")) {
                ps.setString(1, path);
                ps.setLong(2, System.currentTimeMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Removes the path; false when it was not there. */
    public boolean remove(String path) {
        return store.writer().write("stop following the agent project " + path, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM watched_projects WHERE path = ?")) {
                ps.setString(1, path);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Every stored path, in order. */
    public List<String> list() {
        return store.reader().read("list followed agent projects", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT path FROM watched_projects ORDER BY path");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }
}
