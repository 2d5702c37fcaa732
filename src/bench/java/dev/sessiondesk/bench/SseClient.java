package dev.sessiondesk.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One client of the local API's event stream ({@code GET /sessions/{id}/events}) on a plain socket:
 * records the event id (the message seq) of every finished message as it arrives. The stream's first
 * frame ({@code ActiveRequests}) carries the seq the client starts after.
 */
final class SseClient implements AutoCloseable {
    /** What one client got of the messages a session committed after it connected. */
    record Check(long expected, long received, long missing, long duplicates, long outOfOrder) {
        /** Missing and duplicated messages together: what a phone would show wrongly. */
        long lost() {
            return missing + duplicates + outOfOrder;
        }
    }

    private final Socket socket;
    private final String session;
    private final List<Long> ids = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile long startSeq = -1;

    SseClient(int port, String session, String token) throws IOException {
        this.session = session;
        socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /sessions/" + session + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Secret-Key: " + token
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        Thread t = new Thread(this::read, "bench-sse-reader");
        t.setDaemon(true);
        t.start();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            Long id = null;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.startsWith("data: ") && id != null) {
                    if (line.contains("\"ActiveRequests\"")) {
                        startSeq = id;
                        started.countDown();
                    } else {
                        ids.add(id);
                    }
                } else if (line.isEmpty()) {
                    id = null;
                }
            }
        } catch (IOException e) {
            // closed at the end of the run
        }
    }

    String session() {
        return session;
    }

    /** The seq of the last finished message when the stream started: events count from the one after. */
    long startSeq() {
        return startSeq;
    }

    void awaitStart() throws InterruptedException {
        if (!started.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("an event stream on " + session + " did not start");
        }
    }

    static void awaitStart(Collection<SseClient> clients) throws InterruptedException {
        for (SseClient c : clients) {
            c.awaitStart();
        }
    }

    /**
     * Waits up to {@code waitMs} for the event of seq {@code last}, then compares what arrived with
     * the finished seqs {@code committed} (those after the start up to {@code last} are expected):
     * each must have come once, in seq order; an id that no committed message has counts as a duplicate.
     */
    Check check(Collection<Long> committed, long last, long waitMs) throws InterruptedException {
        long until = System.currentTimeMillis() + waitMs;
        while (System.currentTimeMillis() < until && !reached(last)) {
            Thread.sleep(20);
        }
        List<Long> got;
        synchronized (ids) {
            got = new ArrayList<>(ids);
        }
        Set<Long> expected = new HashSet<>();
        for (long seq : committed) {
            if (seq > startSeq && seq <= last) {
                expected.add(seq);
            }
        }
        Set<Long> seen = new HashSet<>();
        long duplicates = 0;
        long outOfOrder = 0;
        long previous = startSeq;
        for (long id : got) {
            if (id > last) {
                continue; // committed after the reference was taken
            }
            if (!expected.contains(id) || !seen.add(id)) {
                duplicates++;
            } else if (id < previous) {
                outOfOrder++;
            }
            previous = Math.max(previous, id);
        }
        return new Check(expected.size(), seen.size(), expected.size() - seen.size(), duplicates, outOfOrder);
    }

    /** The same when the finished messages are exactly the seqs after the start up to {@code last}. */
    Check checkUpTo(long last, long waitMs) throws InterruptedException {
        List<Long> all = new ArrayList<>();
        for (long seq = startSeq + 1; seq <= last; seq++) {
            all.add(seq);
        }
        return check(all, last, waitMs);
    }

    private boolean reached(long last) {
        synchronized (ids) {
            return last <= startSeq || (!ids.isEmpty() && ids.get(ids.size() - 1) >= last);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
