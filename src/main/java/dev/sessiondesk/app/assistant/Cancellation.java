package dev.sessiondesk.app.assistant;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Stop button's signal to a running reply. Cancelling runs the registered hooks once (e.g. closing
 * an HTTP body stream so a blocked read returns at once); a hook added after cancellation runs at once.
 */
public final class Cancellation {
    private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);

    private final List<Runnable> hooks = new ArrayList<>();
    private boolean cancelled;

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(hooks);
            hooks.clear();
        }
        toRun.forEach(Cancellation::runQuietly);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    public void onCancel(Runnable hook) {
        synchronized (this) {
            if (!cancelled) {
                hooks.add(hook);
                return;
            }
        }
        runQuietly(hook);
    }

    private static void runQuietly(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException e) {
            LOG.warn("a cancellation step failed: {}", e.toString());
        }
    }
}
