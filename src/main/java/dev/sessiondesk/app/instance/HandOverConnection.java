package dev.sessiondesk.app.instance;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hand-over from a second launch, read with a deadline (a silent peer is cut off), checked
 * (empty or malformed requests are ignored) and rate-limited (a flood does not open a window each).
 */
final class HandOverConnection {
    private static final Logger LOG = LoggerFactory.getLogger(HandOverConnection.class);
    static final long READ_DEADLINE_MS = 2_000;
    private static final byte ACK = 1;
    private static final int MAX_ARGS = 64;
    private static final int MAX_ARG_CHARS = 4_096;

    private HandOverConnection() {
    }

    /** Closes a channel when its time is up, unless closed first; a blocking read then fails at once. */
    static final class Deadline implements AutoCloseable {
        private final CompletableFuture<Void> timer;

        private Deadline(CompletableFuture<Void> timer) {
            this.timer = timer;
        }

        /** On the JDK's delay scheduler (no thread of our own); a deadline cancelled in time never runs. */
        static Deadline closeAfter(SocketChannel channel, long ms) {
            return new Deadline(CompletableFuture.runAsync(() -> closeQuietly(channel),
                    CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS, Runnable::run)));
        }

        @Override
        public void close() {
            timer.cancel(false);
        }
    }

    /** At most {@code max} hand-overs are acted on per {@code windowMs}. */
    static final class RateLimit {
        private final int max;
        private final long windowMs;
        private final Deque<Long> recent = new ArrayDeque<>();

        RateLimit(int max, long windowMs) {
            this.max = max;
            this.windowMs = windowMs;
        }

        synchronized boolean allow() {
            long now = System.currentTimeMillis();
            while (!recent.isEmpty() && now - recent.peekFirst() > windowMs) {
                recent.removeFirst();
            }
            if (recent.size() >= max) {
                return false;
            }
            recent.addLast(now);
            return true;
        }
    }

    static void serve(SocketChannel client, Consumer<List<String>> onArguments, RateLimit rate) {
        List<String> args;
        try (client; Deadline d = Deadline.closeAfter(client, READ_DEADLINE_MS)) {
            DataInputStream in = new DataInputStream(Channels.newInputStream(client));
            int n = in.readInt();
            if (n < 0 || n > MAX_ARGS) {
                LOG.warn("ignored a malformed hand-over ({} arguments)", n);
                return;
            }
            args = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String a = in.readUTF();
                if (a.length() > MAX_ARG_CHARS) {
                    LOG.warn("ignored a hand-over with an argument of {} characters", a.length());
                    return;
                }
                args.add(a);
            }
            OutputStream out = Channels.newOutputStream(client);
            out.write(ACK); // the second launch may exit now, whether or not this one is acted on
            out.flush();
        } catch (IOException e) {
            LOG.info("ignored a hand-over that was empty, malformed or too slow: {}", e.toString());
            return;
        }
        if (!rate.allow()) {
            LOG.warn("ignored a hand-over {}: too many in a short time", args);
            return;
        }
        LOG.info("a second launch handed over {}", args);
        onArguments.accept(args);
    }

    static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
