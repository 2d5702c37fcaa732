package dev.sessiondesk.app.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An event-stream client on a socket that parses frames into (id, data) on its own thread. */
final class SseClient implements AutoCloseable {
    record Event(Long id, String data, long receivedNanos) {
    }

    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final int status;
    private final Socket socket;
    private volatile boolean ended;

    SseClient(int port, String path, String token, String lastEventId) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(0);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Secret-Key: " + token + "\r\n"
                + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n")
                + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String statusLine = in.readLine();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            // headers
        }
        Thread reader = new Thread(() -> readEvents(in), "test-sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    private void readEvents(BufferedReader in) {
        Long id = null;
        StringBuilder data = new StringBuilder();
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, data.toString(), System.nanoTime()));
                    }
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.startsWith("data: ")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // the stream ended
        } finally {
            ended = true;
        }
    }

    boolean ended() {
        return ended;
    }

    /** The next event whose data contains {@code needle}, skipping others; null on timeout. */
    Event next(String needle, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            Event e = events.poll(left, TimeUnit.MILLISECONDS);
            if (e == null) {
                return null;
            }
            if (e.data().contains(needle)) {
                return e;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
