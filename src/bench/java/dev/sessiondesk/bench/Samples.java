package dev.sessiondesk.bench;

import java.util.Arrays;

/** Durations of repeated runs of one operation, in nanoseconds; percentiles by nearest rank. */
public final class Samples {
    private long[] nanos = new long[64];
    private int count;

    public void add(long durationNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = durationNanos;
    }

    /** Times {@code op} once and records it; returns what it returned. */
    public <T> T time(ThrowingSupplier<T> op) throws Exception {
        long start = System.nanoTime();
        T result = op.get();
        add(System.nanoTime() - start);
        return result;
    }

    @FunctionalInterface
    public interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    public int count() {
        return count;
    }

    /** The p-th percentile (0 < p ≤ 100) by nearest rank, in nanoseconds. */
    public long percentileNanos(double p) {
        if (count == 0) {
            throw new IllegalStateException("no samples");
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count - 1e-9); // 99.9% of 1,000 is rank 999, not 1,000
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
    }

    public double percentileMillis(double p) {
        return percentileNanos(p) / 1e6;
    }

    public double medianMillis() {
        return percentileMillis(50);
    }

    public double p99Millis() {
        return percentileMillis(99);
    }

    public double maxMillis() {
        return percentileMillis(100);
    }

    public double medianSeconds() {
        return percentileNanos(50) / 1e9;
    }
}
