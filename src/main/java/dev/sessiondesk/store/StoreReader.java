package dev.sessiondesk.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read connections, separate from the writer's, pooled. Each read runs in one read transaction so
 * it sees a consistent snapshot (WAL lets it run while the writer commits).
 */
public final class StoreReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreReader.class);

    private final Path db;
    private final int busyTimeoutMs;
    private final boolean readOnlyFile;
    private final String where;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final List<Connection> all = new ArrayList<>();
    private boolean closed;

    StoreReader(Path db, int busyTimeoutMs, boolean readOnlyFile) {
        this.db = db;
        this.busyTimeoutMs = busyTimeoutMs;
        this.readOnlyFile = readOnlyFile;
        this.where = db.toString();
    }

    public <T> T read(String doing, SqlWork<T> work) {
        Connection c = borrow(doing);
        boolean healthy = true;
        try {
            c.setAutoCommit(false);
            try {
                return work.run(c);
            } finally {
                c.rollback(); // read-only work: ending the transaction releases the snapshot
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            healthy = false;
            throw StoreException.from(e, doing, where);
        } finally {
            giveBack(c, healthy);
        }
    }

    private synchronized Connection borrow(String doing) {
        if (closed) {
            throw new StoreException(StoreException.Kind.IO, "cannot " + doing + ": the store is closed");
        }
        Connection c = idle.pollFirst();
        if (c != null) {
            return c;
        }
        try {
            c = Connections.reader(db, busyTimeoutMs, readOnlyFile);
            all.add(c);
            return c;
        } catch (SQLException e) {
            throw StoreException.from(e, doing, where);
        }
    }

    private synchronized void giveBack(Connection c, boolean healthy) {
        if (!closed && healthy && idle.size() < 8) {
            idle.addFirst(c);
            return;
        }
        all.remove(c);
        closeQuietly(c);
    }

    private void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing a reader: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Connection c : all) {
            closeQuietly(c);
        }
        all.clear();
        idle.clear();
    }
}
