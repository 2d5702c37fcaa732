package dev.sessiondesk.app.assistant;

import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.MessageLog;
import dev.sessiondesk.store.StoreException;
import dev.sessiondesk.store.StreamStatus;
import dev.sessiondesk.store.StreamingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves one reply while it streams (promise P3): the row is created at the first token, a clock
 * checkpoints the text whenever it changed, every {@code interval}, and {@link #finish} writes the
 * final text and state, which hashes it into the chain.
 *
 * <p>Checkpoints run on the clock's thread, not the thread reading the stream, so a slow disk never
 * slows the stream and a pause in the stream never leaves received text unsaved for longer than one
 * interval. One lock orders the store writes (begin, checkpoints, finish); the text has its own.
 */
final class StreamingReplyWriter {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingReplyWriter.class);

    private final MessageLog log;
    private final String sessionId;
    private final ScheduledExecutorService clock;
    private final Duration interval;

    private final Object textLock = new Object();
    private final StringBuilder text = new StringBuilder();

    private final ReentrantLock storeLock = new ReentrantLock();
    private volatile StreamingMessage row;
    private int savedLength;
    private ScheduledFuture<?> ticker;
    private boolean ended;
    private volatile boolean superseded;
    private int checkpoints;
    private long lastSaveNanos = System.nanoTime();
    private static final long HEARTBEAT_NANOS = 1_000_000_000L;

    StreamingReplyWriter(MessageLog log, String sessionId, ScheduledExecutorService clock, Duration interval) {
        this.log = log;
        this.sessionId = sessionId;
        this.clock = clock;
        this.interval = interval;
    }

    /**
     * Adds a delta; the first one creates the stored row. Returns false when the stored reply was ended
     * by someone else (another message was appended to the session): the caller should stop streaming.
     */
    boolean accept(String delta) {
        int length;
        synchronized (textLock) {
            text.append(delta);
            length = text.length();
        }
        if (row == null && length > 0) {
            storeLock.lock();
            try {
                if (row == null && !ended) {
                    String first = snapshot();
                    row = log.beginStreaming(sessionId, new NewMessage(null, Role.ASSISTANT,
                            Instant.now().getEpochSecond(), ContentItems.textArray(first), true, true));
                    savedLength = first.length();
                    long ms = interval.toMillis();
                    ticker = clock.scheduleAtFixedRate(this::checkpoint, ms, ms, TimeUnit.MILLISECONDS);
                }
            } finally {
                storeLock.unlock();
            }
        }
        return !superseded;
    }

    boolean started() {
        return row != null;
    }

    String snapshot() {
        synchronized (textLock) {
            return text.toString();
        }
    }

    /** How many checkpoints were written (for tests and the benchmark). */
    int checkpoints() {
        storeLock.lock();
        try {
            return checkpoints;
        } finally {
            storeLock.unlock();
        }
    }

    boolean superseded() {
        return superseded;
    }

    /** Sync Now: checkpoint at once (skipped only while another checkpoint or the finish is writing). */
    void checkpointNow() {
        checkpoint();
    }

    private void checkpoint() {
        if (!storeLock.tryLock()) {
            return; // finishing, or the previous checkpoint is still writing: the next tick catches up
        }
        try {
            if (ended || row == null || superseded) {
                return;
            }
            String now = snapshot();
            boolean changed = now.length() != savedLength;
            if (!changed && System.nanoTime() - lastSaveNanos < HEARTBEAT_NANOS) {
                return;
            }
            // Unchanged text still says "alive" now and then, so readers can tell a silent owner from a dead one.
            StreamStatus status = log.save(row, changed ? ContentItems.textArray(now) : null);
            lastSaveNanos = System.nanoTime();
            if (status == StreamStatus.ENDED) {
                superseded = true;
                LOG.info("the reply in session {} (message {}) was ended by another writer; it stops here",
                        sessionId, row.seq());
                return;
            }
            if (changed) {
                savedLength = now.length();
                checkpoints++;
            }
            if (status == StreamStatus.STOP_REQUESTED) {
                // Another process waits to add a message: end here with everything received, not the last tick's text.
                superseded = true;
                try {
                    log.finishStreaming(row, ContentItems.textArray(snapshot()), MessageState.INTERRUPTED);
                } catch (StoreException e) {
                    if (e.kind() != StoreException.Kind.CONFLICT) {
                        throw e;
                    }
                }
                LOG.info("the reply in session {} (message {}) ended so another process could add a message",
                        sessionId, row.seq());
            }
        } catch (StoreException e) {
            // Keep streaming: the text is still in memory and the next tick (or finish) tries again.
            LOG.warn("cannot checkpoint the reply in session {}: {}", sessionId, e.getMessage());
        } finally {
            storeLock.unlock();
        }
    }

    /**
     * Writes the final text and state; returns the chain position, or null when nothing was stored
     * (no token arrived) or another writer already ended the row (then it stays as they left it).
     */
    AppendResult finish(MessageState end) {
        storeLock.lock();
        try {
            ended = true;
            if (ticker != null) {
                ticker.cancel(false);
            }
            if (row == null || superseded) {
                return null;
            }
            try {
                return log.finishStreaming(row, ContentItems.textArray(snapshot()), end);
            } catch (StoreException e) {
                if (e.kind() == StoreException.Kind.CONFLICT) {
                    superseded = true;
                    LOG.info("{}", e.getMessage());
                    return null;
                }
                throw e;
            }
        } finally {
            storeLock.unlock();
        }
    }
}
