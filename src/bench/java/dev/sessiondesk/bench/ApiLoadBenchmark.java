package dev.sessiondesk.bench;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.api.ApiOptions;
import dev.sessiondesk.app.api.ApiServer;
import dev.sessiondesk.app.assistant.AssistantSettings;
import dev.sessiondesk.app.assistant.OfflineAssistant;
import dev.sessiondesk.app.assistant.ReplyListener;
import dev.sessiondesk.app.chat.SessionChanges;
import dev.sessiondesk.store.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local API under load on loopback: 50 event-stream clients on a session into which replies
 * stream back to back (through ReplyService, as from a window), while {@code GET /sessions} arrives
 * at 200 requests/s on a fixed schedule. Latency is measured from each request's scheduled time (so
 * a stall cannot hide by delaying the next request); the baseline is the same request on the idle
 * server. Lost events: every client must receive every finished message of the run, once, in order.
 */
final class ApiLoadBenchmark implements Benchmark {
    static final String LATENCY = "API `GET /sessions` at 200 req/s with 50 event streams and a streaming reply, p99";
    static final String LOST = "API event streams: finished messages lost across 50 clients";
    private static final Target LATENCY_TARGET = Target.millisAtMost(20);
    private static final Target LOST_TARGET = new Target("0", Target.Basis.MEASURED, Target.Bound.AT_MOST, 0);
    private static final int CLIENTS = 50;
    private static final int RATE = 200;
    private static final int SESSIONS = 200;
    private static final int CONNECTIONS = 8;

    @Override
    public String name() {
        return "local API load";
    }

    @Override
    public List<PlannedRow> plannedRows() {
        return List.of(new PlannedRow(LATENCY, LATENCY_TARGET), new PlannedRow(LOST, LOST_TARGET));
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        BenchConfig cfg = ctx.config();
        Path dir = ctx.workDir("api-load");
        Path data = dir.resolve("store");
        String streamSession;
        try (Store store = Store.open(data)) {
            CorpusSeeder seeder = new CorpusSeeder(cfg.seed());
            for (int i = 0; i < SESSIONS; i++) {
                seeder.writeSession(store, i, 20);
            }
            streamSession = seeder.writeSession(store, SESSIONS, 4).id();
        }
        Duration runFor = Duration.ofSeconds(cfg.quick() ? 5 : 20);
        try (SessionDesk desk = SessionDesk.open(data);
             ApiServer api = ApiServer.start(desk, new SessionChanges(), ApiOptions.loopback(dir.resolve("config"), 0))) {
            desk.assistants().use(AssistantSettings.offline(), new OfflineAssistant(Duration.ofMillis(5)));
            String token = api.token().reveal();
            URI list = URI.create("http://127.0.0.1:" + api.port() + "/sessions");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(8)).build();
            HttpRequest get = HttpRequest.newBuilder(list).header("X-Secret-Key", token).build();

            Samples idle = new Samples();
            for (int i = 0; i < 300; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                if (i >= 100) {
                    idle.add(System.nanoTime() - t0);
                }
                check(r);
            }

            List<StreamReader> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(new StreamReader(api.port(), streamSession, token));
            }
            for (StreamReader c : clients) {
                c.awaitStart();
            }
            AtomicBoolean streaming = new AtomicBoolean(true);
            AtomicInteger replies = new AtomicInteger();
            Thread writer = new Thread(() -> {
                while (streaming.get()) {
                    try {
                        desk.replies().send(streamSession, "question " + replies.incrementAndGet(), ReplyListener.NONE)
                                .done().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        ctx.log("a streaming reply failed: " + e);
                        return;
                    }
                }
            }, "bench-api-replies");
            writer.start();

            Samples loaded = new Samples();
            AtomicInteger failures = new AtomicInteger();
            java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
            ConcurrentLinkedQueue<Long> done = new ConcurrentLinkedQueue<>();
            // A phone app keeps a few connections open: 8 keep-alive connections take the scheduled requests.
            java.util.concurrent.BlockingQueue<Long> due = new java.util.concurrent.LinkedBlockingQueue<>();
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                Thread t = new Thread(() -> requestLoop(api.port(), token, due, done, failures, firstFailure), "bench-api-get-" + i);
                t.setDaemon(true);
                t.start();
                workers.add(t);
            }
            ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
            long start = System.nanoTime();
            long periodNanos = 1_000_000_000L / RATE;
            int total = (int) (runFor.toNanos() / periodNanos);
            AtomicLong tick = new AtomicLong();
            ticks.scheduleAtFixedRate(() -> {
                long k = tick.getAndIncrement();
                if (k < total) {
                    due.add(start + k * periodNanos);
                }
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            long deadline = System.nanoTime() + runFor.toNanos() + TimeUnit.SECONDS.toNanos(30);
            while (done.size() + failures.get() < total && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            workers.forEach(Thread::interrupt);
            ticks.shutdownNow();
            streaming.set(false);
            writer.join(30_000);
            done.forEach(loaded::add);

            int finalSeq = desk.store().sessions().require(streamSession).messageCount();
            long lost = 0;
            for (StreamReader c : clients) {
                lost += c.missingUpTo(finalSeq, 10_000);
                c.close();
            }
            if (firstFailure.get() != null) {
                ctx.note("API load: " + failures.get() + " requests failed; the first: " + firstFailure.get());
            }
            ctx.note(String.format("API load: %d sessions listed per request, %,d requests in %d s (%d failed), %d replies"
                            + " streamed (%d finished messages) to %d clients; p50 %s, max %s; idle p50 %s.",
                    SESSIONS + 1, loaded.count(), runFor.toSeconds(), failures.get(), replies.get(),
                    finalSeq - clients.get(0).startSeq, CLIENTS, Format.ms(loaded.medianMillis()),
                    Format.ms(loaded.maxMillis()), Format.ms(idle.medianMillis())));
            String lostNote = failures.get() > 0 ? failures.get() + " requests failed, first: " + firstFailure.get() : null;
            return List.of(
                    Figure.measured(LATENCY, Format.ms(loaded.p99Millis()), loaded.p99Millis(),
                            "idle server p99 " + Format.ms(idle.p99Millis()), loaded.p99Millis() / idle.p99Millis(),
                            LATENCY_TARGET, lostNote),
                    Figure.measured(LOST, String.valueOf(lost), lost, "—", null, LOST_TARGET, null));
        }
    }

    /** One keep-alive connection answering scheduled requests; latency counts from the scheduled time. */
    private static void requestLoop(int port, String token, java.util.concurrent.BlockingQueue<Long> due,
                                    ConcurrentLinkedQueue<Long> done, AtomicInteger failures,
                                    java.util.concurrent.atomic.AtomicReference<String> firstFailure) {
        byte[] request = ("GET /sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Secret-Key: " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Socket socket = null;
        java.io.DataInputStream in = null;
        try {
            while (true) {
                long scheduled = due.take();
                try {
                    if (socket == null) {
                        socket = new Socket("127.0.0.1", port);
                        socket.setTcpNoDelay(true);
                        in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 65536));
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
    private static int readAnswer(java.io.DataInputStream in) throws IOException {
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

    private static void check(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /sessions answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** One event-stream client: records the ids of finished messages as they arrive. */
    private static final class StreamReader implements AutoCloseable {
        private final Socket socket;
        private final List<Long> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        private final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        private volatile long startSeq = -1;

        StreamReader(int port, String session, String token) throws IOException {
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

        void awaitStart() throws InterruptedException {
            if (!started.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("an event stream did not start");
            }
        }

        /** How many of the seqs after the start up to {@code last} never arrived (a duplicate counts as lost too). */
        long missingUpTo(int last, long waitMs) throws InterruptedException {
            long until = System.currentTimeMillis() + waitMs;
            while (System.currentTimeMillis() < until && (ids.isEmpty() || ids.get(ids.size() - 1) < last)) {
                Thread.sleep(20);
            }
            List<Long> got;
            synchronized (ids) {
                got = new ArrayList<>(ids);
            }
            long missing = 0;
            long expected = startSeq + 1;
            for (long seq = expected; seq <= last; seq++) {
                if (!got.contains(seq)) {
                    missing++;
                }
            }
            return missing + Math.max(0, got.size() - (last - startSeq));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
