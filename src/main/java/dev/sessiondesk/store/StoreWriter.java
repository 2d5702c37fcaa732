package dev.sessiondesk.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place that writes to the store: one connection, one unit of work at a time. Every unit of
 * work runs in its own IMMEDIATE transaction and is committed (WAL, synchronous=FULL) before the
 * caller hears back, so "returned" means "on disk and visible to every other reader".
 *
 * <p>{@link #write} runs on the caller's thread while holding the writer's lock, so the writer owns
 * no thread: callers already run off the FX thread, in a task from {@code Workers}. Handing every
 * write to a writer thread cost two thread wake-ups per append, and on a busy machine each wake-up
 * can wait for a core: that hop was most of append's p99 over a bare INSERT+COMMIT under load.
 */
public final class StoreWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);

    private final Connection connection;
    private final String where;
    private final StoreFileIdentity identity;
    private volatile StoreException stopped; // once the files were swapped, every later write fails the same way
    /** Held for each unit of work: whoever holds it is the one writer. Reentrant for nested writes. */
    private final ReentrantLock lock = new ReentrantLock();
    private boolean inTransaction; // only touched while holding the lock

    StoreWriter(Connection connection, java.nio.file.Path db) {
        this.connection = connection;
        this.where = db.toString();
        this.identity = new StoreFileIdentity(db);
    }

    /** Runs {@code work} in one transaction, on this thread as the one writer, and returns after the commit. */
    public <T> T write(String doing, SqlWork<T> work) {
        UiThreadGuard.check(doing);
        lock(doing);
        try {
            return runInTransaction(doing, work);
        } finally {
            lock.unlock();
        }
    }

    private void lock(String doing) {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Kind.IO, "interrupted while waiting to " + doing);
        }
    }

    /**
     * One IMMEDIATE transaction with explicit BEGIN/COMMIT on an autocommit connection. Not JDBC's
     * setAutoCommit(false)/commit(): sqlite-jdbc flips its flag before its BEGIN runs and begins the
     * next transaction inside commit()/rollback(), so a lock timeout left the connection believing it
     * was in a transaction it was not in (the next write then ran statement by statement, unguarded),
     * and SQLITE_FULL, which ends the transaction itself, was reported as "no transaction is active".
     */
    private <T> T runInTransaction(String doing, SqlWork<T> work) {
        if (inTransaction) { // a write issued from inside a write joins the outer transaction
            try {
                return work.run(connection);
            } catch (SQLException e) {
                throw StoreException.from(e, doing, where);
            }
        }
        if (stopped != null) {
            throw stopped;
        }
        try {
            execute("BEGIN IMMEDIATE"); // waits up to the busy timeout for another program's lock
        } catch (SQLException e) {
            throw StoreException.from(e, doing, where);
        }
        inTransaction = true;
        try {
            checkIdentity(doing);
            T result = work.run(connection);
            checkIdentity(doing); // a swap while the work ran: never acknowledge into the replaced file
            execute("COMMIT");
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw StoreException.from(e, doing, where);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            inTransaction = false;
        }
    }

    private void checkIdentity(String doing) {
        try {
            identity.check(doing);
        } catch (StoreException e) {
            stopped = e;
            LOG.error("{}", e.getMessage());
            throw e;
        }
    }

    /**
     * From now on every unit of work fails with {@code why} before it begins (a damaged store: nothing
     * more may go into it, and nothing is half-written). The first reason stays.
     */
    public void stopWriting(StoreException why) {
        if (stopped == null) {
            stopped = why;
        }
    }

    private void execute(String sql) throws SQLException {
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** Runs work outside a transaction as the one writer (PRAGMAs such as wal_checkpoint). */
    public <T> T direct(String doing, SqlWork<T> work) {
        UiThreadGuard.check(doing);
        lock(doing);
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw StoreException.from(e, doing, where);
        } finally {
            lock.unlock();
        }
    }

    private void rollbackQuietly() {
        try {
            execute("ROLLBACK");
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no transaction is active")) {
                LOG.debug("SQLite had already rolled back on {} ({})", where, e.getMessage()); // e.g. after SQLITE_FULL
            } else {
                LOG.warn("rollback failed on {}: {}", where, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        lock.lock(); // a write still running on a caller's thread finishes first
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the writer connection of {}: {}", where, e.getMessage());
        } finally {
            lock.unlock();
        }
    }
}
