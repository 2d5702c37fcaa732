package dev.sessiondesk.app.windows;

import dev.sessiondesk.model.Draft;
import dev.sessiondesk.store.DraftStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Autosaves each window's composer text, debounced, so a crash costs at most the last
 * {@link #DEFAULT_DELAY} of typing. An empty text deletes the draft.
 */
public final class DraftService {
    public static final Duration DEFAULT_DELAY = Duration.ofMillis(300);

    private final DraftStore drafts;
    private final Debouncer<String, String> debouncer;

    public DraftService(DraftStore drafts, ScheduledExecutorService scheduler, Duration delay) {
        this.drafts = drafts;
        this.debouncer = new Debouncer<>("drafts", scheduler, delay, drafts::save);
    }

    /** Tells the status bar of each window whether its draft reached the disk. */
    public void listen(SaveListener listener) {
        debouncer.onFailure(e -> listener.failed(null, e));
        debouncer.onSaved(() -> listener.saved(null));
    }

    public void update(String windowId, String text) {
        debouncer.submit(windowId, text == null ? "" : text);
    }

    /** Writes every pending draft now; returns how many were written. Call off the UI thread. */
    public int flush() {
        return debouncer.flush();
    }

    public boolean hasPending() {
        return debouncer.hasPending();
    }

    /** The saved draft, or the one still waiting to be saved. */
    public Optional<String> get(String windowId) {
        String pending = debouncer.pendingValue(windowId);
        if (pending != null) {
            return Optional.of(pending);
        }
        return drafts.get(windowId).map(Draft::text);
    }

    /** The window was closed: its unsent text goes with it (the store deletes the saved draft). */
    public void discard(String windowId) {
        debouncer.discard(windowId);
    }
}
