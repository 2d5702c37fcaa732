package dev.sessiondesk.app.importer;

import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent project folders the user asked SessionDesk to follow ({@code watch add DIR}, Preferences),
 * kept in the store so every client and every restart knows them. Paths are stored as real paths, so
 * the same folder reached through a link is one project.
 */
public final class WatchedProjects {
    private final Store store;

    public WatchedProjects(Store store) {
        this.store = store;
    }

    /** Adds a project folder; returns its stored (real) path. Adding it twice is harmless. */
    public Path add(Path dir) {
        Path real = realFolder(dir);
        store.writer().write("follow the agent project " + real, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO watched_projects(path, added_at) VALUES (?, ?) ON CONFLICT(path) DO NOTHING")) {
                ps.setString(1, real.toString());
                ps.setLong(2, System.currentTimeMillis());
                ps.executeUpdate();
            }
            return null;
        });
        return real;
    }

    /**
     * Stops following a project. Its sessions stay in the store (they are the user's conversations);
     * returns false when it was not followed.
     */
    public boolean remove(Path dir) {
        String key = normalized(dir);
        return store.writer().write("stop following the agent project " + key, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM watched_projects WHERE path = ?")) {
                ps.setString(1, key);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public List<Path> list() {
        return store.reader().read("list followed agent projects", c -> {
            List<Path> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT path FROM watched_projects ORDER BY path");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Path.of(rs.getString(1)));
                }
            }
            return out;
        });
    }

    /** The real path of an existing folder, or the normalized absolute path of one that is gone. */
    private static String normalized(Path dir) {
        try {
            return dir.toRealPath().toString();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize().toString();
        }
    }

    private static Path realFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder");
        }
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the folder " + dir + ": " + e.getMessage());
        }
    }
}
