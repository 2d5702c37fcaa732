package dev.sessiondesk.app.api;

import dev.sessiondesk.store.DataVersionProbe;
import dev.sessiondesk.app.tasks.Workers;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices commits by any connection — the CLI in another process, a second SessionDesk, a sync —
 * by polling SQLite's {@code PRAGMA data_version} on a connection of its own, and tells the hub.
 * Polling every 50 ms keeps "committed elsewhere → on the event stream" well under 200 ms.
 */
final class StoreChangeWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreChangeWatcher.class);
    static final Duration DEFAULT_PERIOD = Duration.ofMillis(50);

    private final Store store;
    private final Runnable onChange;
    private final Duration period;
    private final Thread thread;
    private volatile boolean running = true;

    StoreChangeWatcher(Store store, Runnable onChange, Duration period, Workers workers) {
        this.store = store;
        this.onChange = onChange;
        this.period = period;
        this.thread = workers.thread("api-store-watcher", true, this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try (DataVersionProbe probe = new DataVersionProbe(store)) {
            long last = probe.current();
            while (running) {
                Thread.sleep(period.toMillis());
                long now;
                try {
                    now = probe.current();
                } catch (StoreException e) {
                    LOG.debug("reading the data version failed: {}", e.getMessage());
                    continue;
                }
                if (now != last) {
                    last = now;
                    onChange.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (StoreException e) {
            LOG.warn("the API cannot watch the store for changes by other programs: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
