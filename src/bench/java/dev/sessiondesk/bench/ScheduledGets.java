package dev.sessiondesk.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One API request sent at a fixed rate over a few keep-alive connections (as a phone app keeps a few
 * open), from {@link #start} until {@link #finish}. Latency is measured from each request's scheduled
 * time, so a stall cannot hide by delaying the next request.
 */
final class ScheduledGets {
    private final ConcurrentLinkedQueue<Long> done = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Long> due = new LinkedBlockingQueue<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final AtomicLong ticked = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    private final byte[] request;
    private final int port;

    private ScheduledGets(int port, String token, String path) {
        this.port = port;
        this.request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Secret-Key: " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Starts sending {@code GET path} {@code rate} times a second over {@code connections} connections. */
    static ScheduledGets start(int port, String token, String path, int connections, int rate) {
        ScheduledGets gets = new ScheduledGets(port, token, path);
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(gets::requestLoop, "bench-api-get-" + i);
            t.setDaemon(true);
            t.start();
            gets.workers.add(t);
        }
        long start = System.nanoTime();
        long periodNanos = 1_000_000_000L / rate;
        gets.ticks.scheduleAtFixedRate(() -> gets.due.add(start + gets.ticked.getAndIncrement() * periodNanos),
                0, periodNanos, TimeUnit.NANOSECONDS);
        return gets;
    }

    /** Sends for {@code length}, then waits up to {@code grace} for the answers still owed. */
    static ScheduledGets run(int port, String token, String path, int connections, int rate, Duration length,
                             Duration grace) throws InterruptedException {
        ScheduledGets gets = start(port, token, path, connections, rate);
        Thread.sleep(length.toMillis());
        gets.finish(grace);
        return gets;
    }

    /**
     * {@code GET path} sent {@code warmup + count} times, each after the answer to the one before (no
     * schedule, no other load): the latencies of the last {@code count}, the baseline for a loaded run.
     */
    static Samples oneAtATime(int port, String token, String path, int warmup, int count)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-Secret-Key", token).build();
        Samples samples = new Samples();
        for (int i = 0; i < warmup + count; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
            if (i >= warmup) {
                samples.add(System.nanoTime() - t0);
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
            }
        }
        return samples;
    }

    /** Stops scheduling, waits up to {@code grace} for the requests already due, then closes the connections. */
    void finish(Duration grace) throws InterruptedException {
        ticks.shutdownNow();
        ticks.awaitTermination(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + grace.toNanos();
        while (done.size() + failures.get() < ticked.get() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        workers.forEach(Thread::interrupt);
    }

    /** Latencies of the answered requests, from their scheduled times. */
    Samples latencies() {
        Samples s = new Samples();
        addLatenciesTo(s);
        return s;
    }

    void addLatenciesTo(Samples s) {
        done.forEach(s::add);
    }

    int scheduled() {
        return (int) ticked.get();
    }

    int failures() {
        return failures.get();
    }

    /** The first failure's description, or null when none failed. */
    String firstFailure() {
        return firstFailure.get();
    }

    /** One keep-alive connection answering scheduled requests. */
    private void requestLoop() {
        Socket socket = null;
        DataInputStream in = null;
        try {
            while (true) {
                long scheduled = due.take();
                try {
                    if (socket == null) {
                        socket = new Socket("127.0.0.1", port);
                        socket.setTcpNoDelay(true);
                        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 65536));
                    }
                    socket.getOutputStream().write(request);
                    socket.getOutputStream().flush();
                    int status = readAnswer(in);
                    if (status != 200) {
                        throw new IOException("status " + status);
                    }
                    done.add(System.nanoTime() - scheduled);
                } catch (IOException e) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, e.toString());
                    if (socket != null) {
                        socket.close();
                    }
                    socket = null;
                }
            }
        } catch (InterruptedException | IOException e) {
            // the run is over
        } finally {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException e) {
                // closing at the end of the run
            }
        }
    }

    /** Reads one answer (head, then Content-Length bytes of body); returns its status. */
    private static int readAnswer(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection");
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readFully(new byte[length]);
        return Integer.parseInt(head.substring(9, 12));
    }
}
