package dev.sessiondesk.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Measures how long the FX thread keeps work waiting: a timer thread posts a tiny
 * {@code Platform.runLater} every {@value #PERIOD_MILLIS} ms and each records how long it waited.
 * The worst wait is the longest stall (a pulse that lays out and renders also counts: that is time
 * the thread could not react). The largest gap between two consecutive probes running is reported
 * as well, because a starved timer thread would hide a stall from the first figure.
 */
final class StallDetector {
    static final long PERIOD_MILLIS = 5;

    record Result(long[] delaysNanos, long maxGapNanos) {
        double maxMillis() {
            return delaysNanos.length == 0 ? Double.NaN : delaysNanos[delaysNanos.length - 1] / 1e6;
        }

        double p99Millis() {
            return delaysNanos.length == 0 ? Double.NaN
                    : delaysNanos[(int) Math.min(delaysNanos.length - 1, Math.ceil(delaysNanos.length * 0.99) - 1)] / 1e6;
        }

        double maxGapMillis() {
            return maxGapNanos / 1e6;
        }
    }

    private StallDetector() {
    }

    /** Probes for {@code length}, running {@code load} (off the FX thread) once the first probe has run. */
    static Result measure(Duration length, Runnable load) throws Exception {
        // Written and read only on the FX thread.
        long[][] delays = {new long[1024]};
        int[] count = {0};
        long[] lastRun = {0};
        long[] maxGap = {0};
        java.util.concurrent.CountDownLatch probing = new java.util.concurrent.CountDownLatch(1);
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
                if (count[0] == delays[0].length) {
                    delays[0] = Arrays.copyOf(delays[0], count[0] * 2);
                }
                delays[0][count[0]++] = ran - posted;
                if (lastRun[0] != 0) {
                    maxGap[0] = Math.max(maxGap[0], ran - lastRun[0]);
                }
                lastRun[0] = ran;
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
        CompletableFuture<Result> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            long[] sorted = Arrays.copyOf(delays[0], count[0]);
            Arrays.sort(sorted);
            result.complete(new Result(sorted, maxGap[0]));
        });
        return result.get(30, TimeUnit.SECONDS);
    }
}
