package dev.sessiondesk.bench;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Measures how long the FX thread keeps work waiting: a timer thread posts a tiny
 * {@code Platform.runLater} every {@value #PERIOD_MILLIS} ms and each records how long it waited.
 * The worst wait is the longest stall (a pulse that lays out and renders also counts: that is time
 * the thread could not react). The largest gap between two consecutive probes running is reported
 * as well, because a starved timer thread would hide a stall from the first figure. A stall still
 * going on when the measurement ends counts with its length so far, so a thread that never comes
 * back is reported, not waited for.
 */
final class StallDetector {
    static final long PERIOD_MILLIS = 5;

    record Result(long[] delaysNanos, long maxGapNanos, long ongoingNanos) {
        double maxMillis() {
            long max = ongoingNanos;
            for (long d : delaysNanos) {
                max = Math.max(max, d);
            }
            return max / 1e6;
        }

        double p99Millis() {
            return delaysNanos.length == 0 ? Double.NaN
                    : delaysNanos[(int) Math.min(delaysNanos.length - 1, Math.ceil(delaysNanos.length * 0.99) - 1)] / 1e6;
        }

        double maxGapMillis() {
            return Math.max(maxGapNanos, ongoingNanos) / 1e6;
        }

        /** The FX thread had not run a probe for this long when the measurement ended (0: it was keeping up). */
        double ongoingMillis() {
            return ongoingNanos / 1e6;
        }
    }

    private StallDetector() {
    }

    /** Probes for {@code length}, running {@code load} (off the FX thread) once the first probe has run. */
    static Result measure(Duration length, Runnable load) throws Exception {
        ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
        AtomicLong lastRun = new AtomicLong();
        AtomicLong maxGap = new AtomicLong();
        CountDownLatch probing = new CountDownLatch(1);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fx-stall-probe");
            t.setDaemon(true);
            t.setPriority(Thread.MAX_PRIORITY);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            Platform.runLater(() -> {
                long ran = System.nanoTime();
                delays.add(ran - posted);
                long previous = lastRun.getAndSet(ran);
                if (previous != 0) {
                    maxGap.accumulateAndGet(ran - previous, Math::max);
                }
                probing.countDown();
            });
        }, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        if (!probing.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the FX thread never ran a stall probe");
        }
        load.run();
        Thread.sleep(length.toMillis());
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        // Give the last probes a moment; whatever has still not run is a stall in progress.
        long waitUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        while (System.nanoTime() < waitUntil) {
            Thread.sleep(10);
        }
        long sinceLast = System.nanoTime() - lastRun.get();
        long ongoing = sinceLast > TimeUnit.MILLISECONDS.toNanos(200) ? sinceLast : 0;
        long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(sorted, maxGap.get(), ongoing);
    }
}
