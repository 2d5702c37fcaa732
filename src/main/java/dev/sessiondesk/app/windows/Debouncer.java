package dev.sessiondesk.app.windows;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces rapid changes per key and writes the latest value at most {@code delay} after the first
 * unsaved change (the timer is not restarted by later changes, so a steady stream of edits is still
 * saved on time). A failed write keeps the value and tries again after another delay, unless a
 * newer value arrived meanwhile. {@link #flush()} writes everything pending now, on the caller's thread.
 */
final class Debouncer<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(Debouncer.class);

    private final String what;
    private final ScheduledExecutorService scheduler;
    private final long delayMs;
    private final BiConsumer<K, V> sink;
    private final Map<K, V> pending = new LinkedHashMap<>();
    private final Map<K, Boolean> scheduled = new LinkedHashMap<>();
    /** Serialises writes, so a flush and a timer never write one key's values out of order. */
    private final Object writeLock = new Object();
    private volatile Consumer<RuntimeException> onFailure = e -> { };
    private volatile Runnable onSaved = () -> { };

    Debouncer(String what, ScheduledExecutorService scheduler, Duration delay, BiConsumer<K, V> sink) {
        this.what = what;
        this.scheduler = scheduler;
        this.delayMs = delay.toMillis();
        this.sink = sink;
    }

    void onFailure(Consumer<RuntimeException> listener) {
        this.onFailure = listener;
    }

    void onSaved(Runnable listener) {
        this.onSaved = listener;
    }

    void submit(K key, V value) {
        boolean schedule;
        synchronized (this) {
            pending.put(key, value);
            schedule = scheduled.putIfAbsent(key, Boolean.TRUE) == null;
        }
        if (schedule) {
            schedule(key);
        }
    }

    private void schedule(K key) {
        try {
            scheduler.schedule(() -> write(key), delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("{}: scheduler stopped; {} stays pending until flush", what, key);
        }
    }

    /** Drops a pending value without writing it (the thing it describes is gone). */
    synchronized void discard(K key) {
        pending.remove(key);
    }

    synchronized boolean hasPending() {
        return !pending.isEmpty();
    }

    synchronized V pendingValue(K key) {
        return pending.get(key);
    }

    /** Writes every pending value now; returns how many were written. Throws the first failure after trying all. */
    int flush() {
        java.util.List<K> keys;
        synchronized (this) {
            keys = new java.util.ArrayList<>(pending.keySet());
        }
        int written = 0;
        RuntimeException first = null;
        for (K key : keys) {
            try {
                if (writeNow(key)) {
                    written++;
                }
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
        return written;
    }

    private void write(K key) {
        synchronized (this) {
            scheduled.remove(key);
        }
        try {
            writeNow(key);
        } catch (RuntimeException e) {
            LOG.warn("{}: saving {} failed, will retry: {}", what, key, e.getMessage());
            boolean schedule;
            synchronized (this) {
                schedule = pending.containsKey(key) && scheduled.putIfAbsent(key, Boolean.TRUE) == null;
            }
            if (schedule) {
                schedule(key);
            }
        }
    }

    private boolean writeNow(K key) {
        synchronized (writeLock) {
            V value;
            synchronized (this) {
                value = pending.remove(key);
            }
            if (value == null) {
                return false;
            }
            try {
                sink.accept(key, value);
            } catch (RuntimeException e) {
                synchronized (this) {
                    pending.putIfAbsent(key, value); // keep it unless something newer is waiting
                }
                onFailure.accept(e);
                throw e;
            }
            onSaved.run();
            return true;
        }
    }
}
