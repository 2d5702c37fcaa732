package dev.sessiondesk.app.api;

import dev.sessiondesk.app.tasks.Workers;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes "something changed" to the live feeds of the sessions someone is watching. In-process
 * writers say which session ({@link #changed}); a commit seen only through the store's data version
 * (another process) refreshes every watched session ({@link #storeChanged}). Refreshes coalesce: a
 * burst of changes costs one read per feed.
 */
final class SessionEventHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionEventHub.class);

    private final Store store;
    private final Map<String, SessionFeed> feeds = new ConcurrentHashMap<>();
    private final ExecutorService refresher;

    SessionEventHub(Store store, Workers workers) {
        this.store = store;
        this.refresher = workers.pool("api-feed", 2);
    }

    void subscribe(String sessionId, EventStream stream, Long lastEventId, List<String> activeRequests) {
        SessionFeed feed;
        synchronized (feeds) {
            feed = feeds.computeIfAbsent(sessionId, id -> {
                SessionFeed f = new SessionFeed(store, id, store.sessions().require(id).messageCount());
                f.refresh(); // learn about a reply that is streaming right now
                return f;
            });
            feed.subscribe(stream, lastEventId, activeRequests);
        }
    }

    void unsubscribe(String sessionId, EventStream stream) {
        synchronized (feeds) {
            SessionFeed feed = feeds.get(sessionId);
            if (feed != null) {
                feed.unsubscribe(stream);
                if (feed.isEmpty()) {
                    feeds.remove(sessionId);
                }
            }
        }
    }

    int watchedSessions() {
        return feeds.size();
    }

    void changed(String sessionId) {
        SessionFeed feed = feeds.get(sessionId);
        if (feed != null) {
            poke(feed);
        }
    }

    void storeChanged() {
        feeds.values().forEach(this::poke);
    }

    private void poke(SessionFeed feed) {
        if (!feed.dirty.compareAndSet(false, true)) {
            return; // a refresh is already queued and will see this change too
        }
        try {
            refresher.execute(() -> {
                feed.dirty.set(false);
                try {
                    feed.refresh();
                } catch (StoreException e) {
                    LOG.warn("cannot read new messages of session {} for its event streams: {}", feed.sessionId(), e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            feed.dirty.set(false); // shutting down
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            refresher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
