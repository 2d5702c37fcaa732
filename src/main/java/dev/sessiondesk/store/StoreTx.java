package dev.sessiondesk.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One open write transaction (or read snapshot) for work outside the store that combines several
 * store steps and must see them as one: an import deciding, from what is stored, what to write. The
 * work holds no JDBC: it calls DAO methods that take this handle ({@link ImportedSessions},
 * {@link AgentSessionStore}). A SQL error ends the work and reaches the caller exactly as a failed
 * {@link StoreWriter#write} reports it (its kind and the outer task's wording), after the rollback.
 */
public final class StoreTx {
    /** Work inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(StoreTx tx);
    }

    /** Carries a SQL error through work that cannot declare it, to the writer that reports it. */
    private static final class SqlFailure extends RuntimeException {
        SqlFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private final Connection connection;

    private StoreTx(Connection connection) {
        this.connection = connection;
    }

    /** Runs {@code work} in one write transaction; it is committed when this returns. */
    public static <T> T write(Store store, String doing, Work<T> work) {
        return store.writer().write(doing, c -> run(c, work));
    }

    /** Runs {@code work} in one read snapshot (a dry run sees exactly what a write would). */
    public static <T> T read(Store store, String doing, Work<T> work) {
        return store.reader().read(doing, c -> run(c, work));
    }

    private static <T> T run(Connection c, Work<T> work) throws SQLException {
        try {
            return work.run(new StoreTx(c));
        } catch (SqlFailure f) {
            throw f.getCause();
        }
    }

    /** For the store's DAOs: runs SQL on this transaction's connection. */
    <T> T sql(SqlWork<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }
}
