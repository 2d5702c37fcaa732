package dev.sessiondesk.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * SQLite's {@code PRAGMA data_version} on a connection of its own: the number changes whenever
 * another connection — this process's writer, the CLI in another process, an import — commits to
 * the store. Polling it is how a watcher learns "something was written" without knowing who wrote.
 * Not thread-safe: one watcher thread owns it.
 */
public final class DataVersionProbe implements AutoCloseable {
    private static final int BUSY_TIMEOUT_MS = 1_000;
    private final Connection connection;
    private final String where;

    public DataVersionProbe(Store store) {
        this.where = store.dbFile().toString();
        try {
            this.connection = Connections.reader(store.dbFile(), BUSY_TIMEOUT_MS, store.isReadOnly());
        } catch (SQLException e) {
            throw StoreException.from(e, "open a connection that watches for changes", where);
        }
    }

    /** The current data version; a different value than last time means someone else committed. */
    public long current() {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA data_version")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw StoreException.from(e, "read the store's data version", where);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a read-only connection loses nothing
        }
    }
}
