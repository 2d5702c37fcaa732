package dev.sessiondesk.app.importer.agent;

import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.WatchedProjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The agent project folders the user asked SessionDesk to follow ({@code watch add DIR}, Preferences),
 * kept in the store so every client and every restart knows them. Paths are stored as real paths, so
 * the same folder reached through a link is one project.
 */
public final class WatchedProjects {
    private final WatchedProjectStore table;

    public WatchedProjects(Store store) {
        this.table = new WatchedProjectStore(store);
    }

    /** Adds a project folder; returns its stored (real) path. Adding it twice is harmless. */
    public Path add(Path dir) {
        Path real = realFolder(dir);
        table.add(real.toString());
        return real;
    }

    /**
     * Stops following a project. Its sessions stay in the store (they are the user's conversations);
     * returns false when it was not followed.
     */
    public boolean remove(Path dir) {
        return table.remove(normalized(dir));
    }

    public List<Path> list() {
        return table.list().stream().map(Path::of).toList();
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
