package dev.sessiondesk.torture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.CanonicalJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The torture child's append-only record of what the store acknowledged, one JSON object a line.
 *
 * <p>An operation is announced by an {@code intent} line before it starts and its facts are written
 * after each store call returned. Facts are forced to disk before the child does anything else, so
 * a fact in this file is a promise the store must keep. Intents are not forced: they only tell the
 * checker which single operation may have been in flight at the kill (a SIGKILL loses nothing the
 * kernel already has, and a lost intent could only make the check stricter).
 */
final class AckLog implements AutoCloseable {
    private final FileChannel channel;
    private long opSeq;

    AckLog(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    static ObjectNode fact(String type) {
        ObjectNode n = CanonicalJson.MAPPER.createObjectNode();
        n.put("t", type);
        return n;
    }

    /** Announces the next operation and what it will touch; returns its number. */
    long intent(String kind, String sessionId, String windowId) throws IOException {
        long op = ++opSeq;
        ObjectNode n = fact("intent");
        n.put("op", op);
        n.put("kind", kind);
        if (sessionId != null) {
            n.put("s", sessionId);
        }
        if (windowId != null) {
            n.put("w", windowId);
        }
        write(n, false);
        return op;
    }

    /** Records a fact the store acknowledged (the call returned) and forces it to disk. */
    void ack(long op, ObjectNode fact, boolean lastOfOperation) throws IOException {
        fact.put("op", op);
        if (lastOfOperation) {
            fact.put("end", true);
        }
        write(fact, true);
    }

    private void write(ObjectNode n, boolean force) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap((CanonicalJson.write(n) + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        if (force) {
            channel.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
