package dev.sessiondesk.app.tasks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place threads are made. A composition root (the GUI's {@code DeskClient}, the CLI, a
 * {@code SessionDesk}) creates one, takes named executors and threads from it, and closes it at the
 * end, which shuts down whatever it made that is still running. Every thread is named after its job
 * and carries the uncaught-exception handler, so nothing dies without a trace in the log.
 */
public final class Workers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Thread.UncaughtExceptionHandler onUncaught;
    private final List<ExecutorService> executors = new ArrayList<>();
    private boolean closed;

    /** @param onUncaught told about an exception no task caught (it logs the stack; the GUI also tells the user) */
    public Workers(Thread.UncaughtExceptionHandler onUncaught) {
        this.onUncaught = onUncaught;
    }

    /** Workers whose uncaught exceptions are logged with their stack (the CLI, tests, a desk opened on its own). */
    public static Workers logging() {
        return new Workers(UncaughtExceptions.LOG_ONLY);
    }

    /** Threads named {@code name-1}, {@code name-2}, … with the handler; daemons do not keep the JVM alive. */
    public ThreadFactory threads(String name, boolean daemon) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(daemon);
            t.setUncaughtExceptionHandler(onUncaught);
            return t;
        };
    }

    /** One long-running loop (a socket's accept loop, a folder watcher), not started. */
    public Thread thread(String name, boolean daemon, Runnable loop) {
        Thread t = new Thread(loop, name);
        t.setDaemon(daemon);
        t.setUncaughtExceptionHandler(onUncaught);
        return t;
    }

    /** A pool of daemon threads for short background work. */
    public synchronized ExecutorService pool(String name, int size) {
        return keep(Executors.newFixedThreadPool(size, threads(name, true)));
    }

    /** One thread, in order; {@code daemon=false} for work the JVM must finish (writing at quit). */
    public synchronized ExecutorService single(String name, boolean daemon) {
        return keep(Executors.newSingleThreadExecutor(threads(name, daemon)));
    }

    /** Threads made as needed and dropped when idle, for work that blocks for long (a streaming reply). */
    public synchronized ExecutorService onDemand(String name) {
        return keep(Executors.newCachedThreadPool(threads(name, true)));
    }

    /** One daemon thread for delayed and periodic work (autosave, heartbeat, checkpoints). */
    public synchronized ScheduledExecutorService scheduler(String name) {
        return keep(Executors.newSingleThreadScheduledExecutor(threads(name, true)));
    }

    private <E extends ExecutorService> E keep(E executor) {
        if (closed) {
            executor.shutdownNow();
            throw new IllegalStateException("these workers are closed; nothing new can start");
        }
        executors.removeIf(ExecutorService::isTerminated); // shut down by their owner (an API turned off and on)
        executors.add(executor);
        return executor;
    }

    /** Stops {@code executor} and waits up to {@code patience} for what it is doing. */
    public static void shutDown(ExecutorService executor, Duration patience) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("background work still running after {} s; interrupting it", patience.toSeconds());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Shuts down, newest first, every executor made here that its owner has not shut down already. */
    @Override
    public void close() {
        List<ExecutorService> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(executors);
            executors.clear();
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            if (!all.get(i).isShutdown()) {
                shutDown(all.get(i), PATIENCE);
            }
        }
    }
}
