package dev.sessiondesk.ui.chat;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Hands keys announced on any thread (a session id per streamed token) to the UI thread in batches:
 * while one hand-over is queued, further keys join it instead of queueing another, so a token flood
 * costs one {@code Platform.runLater} at a time, never one per token.
 */
public final class CoalescingRelay<K> {
    private final Executor uiThread;
    private final Consumer<Set<K>> deliver;
    private final Set<K> pending = new LinkedHashSet<>();
    private boolean queued;

    public CoalescingRelay(Executor uiThread, Consumer<Set<K>> deliver) {
        this.uiThread = uiThread;
        this.deliver = deliver;
    }

    public void add(K key) {
        synchronized (pending) {
            pending.add(key);
            if (queued) {
                return;
            }
            queued = true;
        }
        uiThread.execute(this::drain);
    }

    private void drain() {
        Set<K> batch;
        synchronized (pending) {
            batch = new LinkedHashSet<>(pending);
            pending.clear();
            queued = false;
        }
        deliver.accept(batch);
    }
}
