package dev.sessiondesk.app.api;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The answer to {@code GET /sessions}, kept until the store changes. A phone polling the list
 * hundreds of times a second then costs one write of cached bytes per request instead of a read and
 * a serialisation. The generation moves on every change the API hears of: its own writes at once,
 * the app's change feed at once, any other commit (another process, a window's write) through the
 * data-version watcher within its polling period (50 ms).
 */
final class ListCache {
    private record Entry(long generation, byte[] bytes) {
    }

    private final AtomicLong generation = new AtomicLong();
    private volatile Entry entry;

    void invalidate() {
        generation.incrementAndGet();
    }

    byte[] get(Supplier<byte[]> compute) {
        long now = generation.get();
        Entry e = entry;
        if (e != null && e.generation() == now) {
            return e.bytes();
        }
        byte[] bytes = compute.get(); // read after noting the generation: a change meanwhile invalidates it
        entry = new Entry(now, bytes);
        return bytes;
    }
}
