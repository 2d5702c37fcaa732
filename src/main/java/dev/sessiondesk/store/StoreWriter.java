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
    private final ExecutorService thread;
    private volatile Thread writerThread;

    StoreWriter(Connection connection, String where) {
        this.connection = connection;
        this.where = where;
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

    private <T> T runInTransaction(String doing, SqlWork<T> work) {
        try {
            begin();
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw StoreException.from(e, doing, where);
        }
    }

    /**
     * Starts the transaction. sqlite-jdbc flips its autocommit flag before it runs BEGIN, so a BEGIN
     * that fails (store locked by another program) would leave the flag off and the next unit of work
     * would run without a transaction. Put the flag back so a retry really starts a transaction.
     */
    private void begin() throws SQLException {
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException expected) {
                LOG.debug("resetting autocommit after a failed BEGIN on {}: {}", where, expected.getMessage());
            }
            throw e;
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
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("rollback failed on {}: {}", where, e.getMessage());
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
