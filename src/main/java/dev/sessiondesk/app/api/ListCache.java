package dev.sessiondesk.app.api;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The answer to {@code GET /sessions}, kept until the store changes. A phone polling the list
 * hundreds of times a second then costs one write of cached bytes per request instead of a read and
 * a serialisation. The API's own writes make the next request read the list again at once
 * ({@link #invalidate}); a change it only hears of ({@link #changedElsewhere}: the app's change feed,
 * the data-version watcher) does so once the list it has is {@link #SETTLE} old, so the list is never
 * more than that behind such a change (the watcher already lags by as much for other processes).
 *
 * <p>Why the settling: while a window streams a reply, the change feed announces the session on
 * every word, and each announcement made the next request read and serialise all sessions again (a
 * few hundred kilobytes of garbage each time, for 200 sessions). In the bench row "API while 3
 * windows stream" (200 requests/s) those reads were 1.2 GB of the GUI process's 7.9 GB allocated in
 * the run, 90 % of what the API allocated; settling took them to 0.3 GB. The collector pauses the
 * whole app for that garbage, the FX thread included. The reads that remain are one at a time:
 * requests that find the list out of date together share one read, if it began after the change
 * they saw.
 */
final class ListCache {
    /** How far behind a change the API did not make itself the list may be. */
    static final Duration SETTLE = Duration.ofMillis(50);

    private record Entry(long generation, long elsewhere, long readAtNanos, byte[] bytes) {
    }

    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong elsewhere = new AtomicLong();
    private final Object reading = new Object();
    private final LongSupplier nanoTime;
    private final long settleNanos;
    private volatile Entry entry;

    ListCache() {
        this(System::nanoTime, SETTLE);
    }

    ListCache(LongSupplier nanoTime, Duration settle) {
        this.nanoTime = nanoTime;
        this.settleNanos = settle.toNanos();
    }

    /** The API wrote: the next request reads the list again. */
    void invalidate() {
        generation.incrementAndGet();
    }

    /** Someone else wrote (the app, another process): the list is read again once it is {@link #SETTLE} old. */
    void changedElsewhere() {
        elsewhere.incrementAndGet();
    }

    byte[] get(Supplier<byte[]> compute) {
        long wanted = generation.get();
        long wantedElsewhere = elsewhere.get();
        Entry e = entry;
        if (fresh(e, wanted, wantedElsewhere)) {
            return e.bytes();
        }
        synchronized (reading) {
            e = entry; // the read this request waited for may have been new enough
            if (fresh(e, wanted, wantedElsewhere)) {
                return e.bytes();
            }
            long now = generation.get();
            long nowElsewhere = elsewhere.get();
            long readAt = nanoTime.getAsLong();
            byte[] bytes = compute.get(); // read after noting the generations: a change meanwhile invalidates it
            entry = new Entry(now, nowElsewhere, readAt, bytes);
            return bytes;
        }
    }

    private boolean fresh(Entry e, long wanted, long wantedElsewhere) {
        return e != null && e.generation() >= wanted
                && (e.elsewhere() >= wantedElsewhere || nanoTime.getAsLong() - e.readAtNanos() < settleNanos);
    }
}
