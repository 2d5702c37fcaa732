package dev.sessiondesk.app.sync;

import dev.sessiondesk.store.remote.RemoteException;
import dev.sessiondesk.store.remote.RemoteListener;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live sync: a thread with its own LISTEN connection. A notification from another device means a
 * pull; a local change in the outbox means a push (looked at every {@link #TICK_MS} ms); and every
 * {@code fallback} a full exchange runs anyway, in case a notification was lost with a connection.
 * When the server goes away it retries with a growing pause (up to 30 s) and reports each outcome.
 */
public final class LiveSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSync.class);
    static final int TICK_MS = 100;

    private final RemoteSync sync;
    private final Duration fallback;
    private final Consumer<SyncReport> reports;
    private final ThreadFactory threads;
    private volatile boolean running;
    private Thread thread;

    /** @param threads makes the one live-sync thread (the composition root's Workers) */
    public LiveSync(RemoteSync sync, Duration fallback, Consumer<SyncReport> reports, ThreadFactory threads) {
        this.sync = sync;
        this.fallback = fallback;
        this.reports = reports;
        this.threads = threads;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = threads.newThread(this::run);
        thread.start();
    }

    public boolean running() {
        return running;
    }

    private void run() {
        long pause = 1_000;
        while (running) {
            try (RemoteListener listener = sync.listen()) {
                String device = sync.deviceId();
                SyncReport first = sync.syncNow();
                reports.accept(first);
                if (first.failure() != null) {
                    throw new RemoteException(RemoteException.Kind.UNREACHABLE, first.failure(), null);
                }
                pause = 1_000;
                long lastSync = System.nanoTime();
                long signature = sync.outboxSignature();
                while (running) {
                    int others = listener.await(TICK_MS, device);
                    long now = System.nanoTime();
                    long sig = sync.outboxSignature();
                    if (others > 0 || sig != signature || now - lastSync > fallback.toNanos()) {
                        SyncReport r = sync.syncNow();
                        reports.accept(r);
                        if (r.failure() != null) {
                            throw new RemoteException(RemoteException.Kind.UNREACHABLE, r.failure(), null);
                        }
                        lastSync = now;
                        signature = sync.outboxSignature();
                    }
                }
            } catch (RemoteException | IllegalArgumentException e) {
                if (!running) {
                    break;
                }
                LOG.info("live sync paused for {} ms: {}", pause, e.getMessage());
                reports.accept(SyncReport.failed(e.getMessage(), true, waiting(), Duration.ZERO, java.time.Instant.now()));
                sleep(pause);
                pause = Math.min(30_000, pause * 2);
            } catch (RuntimeException e) {
                LOG.error("live sync stopped by an unexpected failure; retrying", e);
                sleep(pause);
                pause = Math.min(30_000, pause * 2);
            }
        }
    }

    private int waiting() {
        try {
            return sync.ledger().waitingMessages();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
