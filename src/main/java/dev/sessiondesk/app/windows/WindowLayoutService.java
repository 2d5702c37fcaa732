package dev.sessiondesk.app.windows;

import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.store.WindowBindingStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Keeps the persisted window → session mapping (promise P4) in step with the screen: every change
 * of a window (moved, resized, focused, switched session, new messages) is written through the
 * store's writer at most {@link #DEFAULT_DELAY} after it happened, and {@link #flush()} writes
 * whatever is pending at once (Sync Now, quit).
 */
public final class WindowLayoutService {
    public static final Duration DEFAULT_DELAY = Duration.ofMillis(200);

    private final WindowBindingStore windows;
    private final Debouncer<String, WindowBinding> debouncer;

    public WindowLayoutService(WindowBindingStore windows, ScheduledExecutorService scheduler, Duration delay) {
        this.windows = windows;
        this.debouncer = new Debouncer<>("window layout", scheduler, delay, (id, binding) -> windows.save(binding));
    }

    public void listen(SaveListener listener) {
        debouncer.onFailure(e -> listener.failed(null, e));
        debouncer.onSaved(() -> listener.saved(null));
    }

    /** Records the window's current state; it reaches the store within the debounce delay. */
    public void update(WindowBinding binding) {
        debouncer.submit(binding.windowId(), binding);
    }

    /** The user closed the window: it stays closed after a restart. Call off the UI thread. */
    public void close(String windowId) {
        debouncer.flush();
        windows.close(windowId);
    }

    /** Writes every pending change now; returns how many windows were written. */
    public int flush() {
        return debouncer.flush();
    }

    public boolean hasPending() {
        return debouncer.hasPending();
    }

    public List<WindowBinding> openWindows() {
        return windows.openWindows();
    }

    public Optional<WindowBinding> get(String windowId) {
        return windows.get(windowId);
    }
}
