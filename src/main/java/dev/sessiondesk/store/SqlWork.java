package dev.sessiondesk.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A piece of work on a connection, run inside a transaction by {@link StoreWriter} or {@link StoreReader}. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
}
