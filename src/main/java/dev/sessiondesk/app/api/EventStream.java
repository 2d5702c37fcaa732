package dev.sessiondesk.app.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Server-Sent Events answer. Producers {@link #offer} frames without ever blocking; the
 * connection's own thread {@link #pump}s them to the socket. The buffer between them is bounded: a
 * client that reads too slowly fills it and is dropped (with a log line), so one stalled phone can
 * neither hold the server's memory nor slow the others down.
 */
public final class EventStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private final Socket socket;
    private final OutputStream out;
    private final String peer;
    private final String label;
    private final int capacity;
    private final BlockingQueue<String> queue;
    /** Queued after the last frame of a stream that ends by itself (a reply); never written. */
    private static final String END = new String("end of stream");
    private volatile boolean closed;
    private volatile boolean dropped;

    EventStream(Socket socket, OutputStream out, String peer, String label, int capacity) {
        this.socket = socket;
        this.out = out;
        this.peer = peer;
        this.label = label;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** One event frame: optional {@code id:}, then the data (one line of JSON). */
    public static String frame(Long id, String data) {
        StringBuilder sb = new StringBuilder(data.length() + 24);
        if (id != null) {
            sb.append("id: ").append(id).append('\n');
        }
        for (String line : data.split("\n", -1)) {
            sb.append("data: ").append(line).append('\n');
        }
        return sb.append('\n').toString();
    }

    /** Queues a frame; false when the stream is closed or was just dropped for reading too slowly. */
    public boolean offer(String frame) {
        if (closed) {
            return false;
        }
        if (queue.offer(frame)) {
            return true;
        }
        dropped = true;
        LOG.warn("dropped the slow event-stream client {} on {}: {} events were waiting unread", peer, label, capacity);
        try {
            // Reset rather than close: what sits unread in the kernel's buffers for a client that
            // stopped reading is discarded at once instead of trickling out (megabytes, for minutes).
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            LOG.debug("event stream {}: {}", peer, e.getMessage());
        }
        close();
        return false;
    }

    /** Ends the stream once everything queued so far is written. */
    public void endAfterQueued() {
        if (!closed && !queue.offer(END)) {
            close();
        }
    }

    public boolean isOpen() {
        return !closed;
    }

    public boolean wasDropped() {
        return dropped;
    }

    public String peer() {
        return peer;
    }

    /**
     * Writes queued frames until the stream closes or the client goes away; sends {@code ping} when
     * nothing else was sent for {@code pingEvery}. Runs on the connection's thread.
     */
    public void pump(String ping, Duration pingEvery) {
        try {
            while (!closed) {
                String frame = queue.poll(pingEvery.toMillis(), TimeUnit.MILLISECONDS);
                if (closed) {
                    break;
                }
                boolean end = frame == END;
                StringBuilder batch = new StringBuilder(frame == null ? ping : end ? "" : frame);
                String more;
                while (!end && (more = queue.poll()) != null) {
                    if (more == END) {
                        end = true;
                    } else {
                        batch.append(more);
                    }
                }
                out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (end) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("event-stream client {} on {} went away: {}", peer, label, e.getMessage());
            }
        } finally {
            close();
        }
    }

    /** Ends the stream; closing the socket also frees a writer blocked on a client that stopped reading. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        queue.offer(""); // wakes a pump that is waiting for the next frame
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing event stream {}: {}", peer, e.getMessage());
        }
    }
}
