package dev.sessiondesk.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read connections, separate from the writer's, pooled. Each read runs in one read transaction so
 * it sees a consistent snapshot (WAL lets it run while the writer commits). Two pools: ordinary readers,
 * which never memory-map the file, and the verify scan's readers, which stay mapped ({@link #readMapped}).
 */
public final class StoreReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreReader.class);
    /** The memory map a mapped reader reads pages through (no read call and no copy per page). */
    static final long MAPPED_BYTES = 1L << 30;

    private final Path db;
    private final int busyTimeoutMs;
    private final boolean readOnlyFile;
    private final String where;
    private final Deque<Connection> idle = new ArrayDeque<>();
    /** Readers whose pages stay memory-mapped between reads, only for {@link #readMapped}. */
    private final Deque<Connection> idleMapped = new ArrayDeque<>();
    private final List<Connection> all = new ArrayList<>();
    private boolean closed;

    StoreReader(Path db, int busyTimeoutMs, boolean readOnlyFile) {
        this.db = db;
        this.busyTimeoutMs = busyTimeoutMs;
        this.readOnlyFile = readOnlyFile;
        this.where = db.toString();
    }

    public <T> T read(String doing, SqlWork<T> work) {
        return read(doing, work, false);
    }

    /**
     * As {@link #read}, on a reader that reads the file through a memory map and keeps it mapped between
     * reads (mapping anew each time faulted every page in again: ~4% of a verify scan's CPU). Only for
     * scans of a file whose pages were just checked: a read error in a map stops the process instead of
     * failing the read, so the ordinary readers never map, and these serve nothing else.
     */
    <T> T readMapped(String doing, SqlWork<T> work) {
        return read(doing, work, true);
    }

    private <T> T read(String doing, SqlWork<T> work, boolean mapped) {
        UiThreadGuard.check(doing);
        Connection c = borrow(doing, mapped);
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
            giveBack(c, healthy, mapped);
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

    private synchronized Connection borrow(String doing, boolean mapped) {
        if (closed) {
            throw new StoreException(StoreException.Kind.IO, "cannot " + doing + ": the store is closed");
        }
        Connection c = (mapped ? idleMapped : idle).pollFirst();
        if (c != null) {
            return c;
        }
        try {
            c = Connections.reader(db, busyTimeoutMs, readOnlyFile);
            all.add(c);
        } catch (SQLException e) {
            throw StoreException.from(e, doing, where);
        }
        if (mapped) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA mmap_size=" + MAPPED_BYTES);
            } catch (SQLException e) {
                all.remove(c);
                closeQuietly(c);
                throw StoreException.from(e, doing, where);
            }
        }
        return c;
    }

    private synchronized void giveBack(Connection c, boolean healthy, boolean mapped) {
        Deque<Connection> pool = mapped ? idleMapped : idle;
        if (!closed && healthy && pool.size() < 8) {
            pool.addFirst(c);
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
        idleMapped.clear();
    }
}
