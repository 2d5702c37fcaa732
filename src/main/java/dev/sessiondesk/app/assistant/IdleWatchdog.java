package dev.sessiondesk.app.assistant;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cuts off a stream that goes quiet: when no {@link #activity()} was seen for {@code limit}, it runs
 * {@code onIdle} once (closing the stream, so the blocked read fails) and remembers that it fired.
 */
final class IdleWatchdog {
    private final long limitNanos;
    private final Runnable onIdle;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean stopped;
    private volatile boolean fired;

    IdleWatchdog(Duration limit, Runnable onIdle) {
        this.limitNanos = limit.toNanos();
        this.onIdle = onIdle;
        schedule(limitNanos);
    }

    void activity() {
        lastActivity = System.nanoTime();
    }

    void stop() {
        stopped = true;
    }

    boolean fired() {
        return fired;
    }

    private void schedule(long delayNanos) {
        CompletableFuture.runAsync(this::check, CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS));
    }

    private void check() {
        if (stopped) {
            return;
        }
        long idle = System.nanoTime() - lastActivity;
        if (idle >= limitNanos) {
            fired = true;
            onIdle.run();
        } else {
            schedule(limitNanos - idle);
        }
    }
}
