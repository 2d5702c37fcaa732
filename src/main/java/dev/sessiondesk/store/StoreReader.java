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
        UiThreadGuard.check(doing);
        Connection c = borrow(doing);
        boolean healthy = false;
        try {
            c.setAutoCommit(false);
            T result = work.run(c);
            healthy = true;
            return result;
        } catch (SQLException e) {
            throw StoreException.from(e, doing, where);
        } finally {
            healthy = endSnapshot(c) && healthy;
            giveBack(c, healthy);
        }
    }

    /** Ends the read transaction (releasing its snapshot); false when the connection is no longer usable. */
    private boolean endSnapshot(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("ending a read on {}: {}", where, e.getMessage());
        }
        try {
            c.setAutoCommit(true);
            return true;
        } catch (SQLException e) {
            LOG.debug("resetting a reader on {}: {}", where, e.getMessage());
            return false;
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
