package dev.sessiondesk.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** Opens SQLite connections with the settings every SessionDesk connection needs. */
final class Connections {

    private Connections() {
    }

    static String url(Path db) {
        return "jdbc:sqlite:" + db.toAbsolutePath();
    }

    /** The writer's connection: FULL sync (a returned commit survives power loss), IMMEDIATE transactions. */
    static Connection writer(Path db, int busyTimeoutMs) throws SQLException {
        SQLiteConfig cfg = base(busyTimeoutMs);
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Else the driver prepares and runs "SELECT last_insert_rowid()" after every INSERT, wanted or not:
        // about a fifth of a first sync's SQLite time. Code that needs the row id asks last_insert_rowid() itself.
        cfg.setGetGeneratedKeys(false);
        Connection c = cfg.createConnection(url(db));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
        }
        return c;
    }

    /** A reader: may be read-only at the file level, sees every committed transaction (WAL). */
    static Connection reader(Path db, int busyTimeoutMs, boolean readOnlyFile) throws SQLException {
        SQLiteConfig cfg = base(busyTimeoutMs);
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        if (readOnlyFile) {
            cfg.setReadOnly(true);
            if (onReadOnlyVolumeWithoutLog(db)) {
                // SQLite cannot create the -shm a WAL store needs in a folder it cannot write; with no
                // -wal there is nothing besides the main file to read, so it can be read as immutable.
                return cfg.createConnection("jdbc:sqlite:" + db.toAbsolutePath().toUri() + "?immutable=1");
            }
        }
        return cfg.createConnection(url(db));
    }

    private static boolean onReadOnlyVolumeWithoutLog(Path db) {
        Path dir = db.toAbsolutePath().getParent();
        Path wal = db.resolveSibling(db.getFileName() + "-wal");
        try {
            return dir != null && !java.nio.file.Files.isWritable(dir) && !java.nio.file.Files.exists(
                    db.resolveSibling(db.getFileName() + "-shm")) && (!java.nio.file.Files.exists(wal)
                    || java.nio.file.Files.size(wal) == 0);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static SQLiteConfig base(int busyTimeoutMs) {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setBusyTimeout(busyTimeoutMs);
        cfg.enforceForeignKeys(true);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        return cfg;
    }
}
