package dev.sessiondesk.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place that writes to the store: one thread owning one connection. Every unit of work
 * runs in its own IMMEDIATE transaction and is committed (WAL, synchronous=FULL) before the caller
 * hears back, so "returned" means "on disk and visible to every other reader".
 */
public final class StoreWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);

    private final Connection connection;
    private final String where;
    private final StoreFileIdentity identity;
    private volatile StoreException stopped; // once the files were swapped, every later write fails the same way
    private final ExecutorService thread;
    private volatile Thread writerThread;
    private boolean inTransaction; // only touched on the writer thread

    StoreWriter(Connection connection, java.nio.file.Path db) {
        this.connection = connection;
        this.where = db.toString();
        this.identity = new StoreFileIdentity(db);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "store-writer");
            t.setDaemon(true);
            writerThread = t;
            return t;
        });
    }

    /** Runs {@code work} in one transaction and waits until it is committed. */
    public <T> T write(String doing, SqlWork<T> work) {
        if (Thread.currentThread() == writerThread) {
            return runInTransaction(doing, work);
        }
        try {
            return submit(doing, work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Kind.IO, "interrupted while waiting to " + doing);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreException(StoreException.Kind.IO, "cannot " + doing + ": " + e.getCause(), e.getCause());
        }
    }

    /** Queues {@code work}; the future completes after the commit, or with a {@link StoreException}. */
    public <T> CompletableFuture<T> submit(String doing, SqlWork<T> work) {
        return CompletableFuture.supplyAsync(() -> runInTransaction(doing, work), thread);
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

    private void execute(String sql) throws SQLException {
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** Runs work outside a transaction on the writer thread (PRAGMAs such as wal_checkpoint). */
    public <T> T direct(String doing, SqlWork<T> work) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return work.run(connection);
                } catch (SQLException e) {
                    throw StoreException.from(e, doing, where);
                }
            }, thread).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Kind.IO, "interrupted while waiting to " + doing);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreException(StoreException.Kind.IO, "cannot " + doing + ": " + e.getCause(), e.getCause());
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
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("store writer still busy after 30 s; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the writer connection of {}: {}", where, e.getMessage());
        }
    }
}
