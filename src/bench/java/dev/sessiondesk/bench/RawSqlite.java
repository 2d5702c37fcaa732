package dev.sessiondesk.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * Plain sqlite-jdbc connections with exactly the store writer's settings (WAL, synchronous=FULL,
 * IMMEDIATE transactions, same busy timeout), for the baselines: what SQLite itself costs without
 * SessionDesk's hashing, indexing and bookkeeping.
 */
final class RawSqlite {
    private RawSqlite() {
    }

    static Connection writer(Path db) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setBusyTimeout(5_000);
        cfg.enforceForeignKeys(true);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection c = cfg.createConnection("jdbc:sqlite:" + db.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
        }
        return c;
    }

    static Connection reader(Path db, boolean readOnly) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setBusyTimeout(5_000);
        cfg.setReadOnly(readOnly);
        return cfg.createConnection("jdbc:sqlite:" + db.toAbsolutePath());
    }

    static String version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT sqlite_version()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
