package dev.sessiondesk.sync;

import dev.sessiondesk.app.sync.BuiltInSyncSteps;
import dev.sessiondesk.app.sync.LiveSync;
import dev.sessiondesk.app.sync.RemoteSyncStep;
import dev.sessiondesk.app.sync.SyncContext;
import dev.sessiondesk.app.sync.SyncService;
import dev.sessiondesk.app.sync.SyncSummary;
import dev.sessiondesk.app.tasks.Workers;
import dev.sessiondesk.app.windows.DraftService;
import dev.sessiondesk.app.windows.WindowLayoutService;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.SessionQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The issue's full-size sync rows on a server seeded once and kept between runs (the seeding costs
 * minutes; {@link SyncScaleBenchmark} seeds afresh every time):
 * <ul>
 * <li>{@code seed URL ROOT DEVICES PER_DEVICE}: one device writes DEVICES × PER_DEVICE messages (sessions
 *     of 1,000, titled per device) and syncs; its folder is then copied to {@code ROOT/d0..} and each copy
 *     gets a device id of its own, so DEVICES up-to-date devices each hold every message.</li>
 * <li>{@code syncnow URL DIR PRESSES}: an up-to-date device's Sync Now, both the server exchange alone and
 *     the whole of Sync Now as the GUI runs it (drafts, layout, checkpoint, verify of one open session, server).</li>
 * <li>{@code latency URL ROOT DEVICES SECONDS}: live sync on every device, all but d0 append 2 messages/s;
 *     how long until d0 holds each one (p50, p99, max).</li>
 * </ul>
 * Run as {@code java -cp <test classpath> dev.sessiondesk.sync.SyncScaleRig ...}; never part of a test run.
 */
public final class SyncScaleRig {
    private SyncScaleRig() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "seed" -> seed(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "syncnow" -> syncNow(args[1], Path.of(args[2]), Integer.parseInt(args[3]));
            case "latency" -> latency(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("seed | syncnow | latency");
        }
        System.exit(0);
    }

    static void seed(String url, Path root, int devices, int perDevice) throws Exception {
        long t0 = System.nanoTime();
        Path seedDir = root.resolve("seed");
        try (SyncDevice dev = new SyncDevice(seedDir, url)) {
            for (int d = 0; d < devices; d++) {
                for (int done = 0; done < perDevice; done += 1_000) {
                    Session s = dev.store.sessions().create(NewSession.titled("device " + d + " session " + done / 1_000, null));
                    List<NewMessage> batch = new ArrayList<>();
                    for (int i = 0; i < Math.min(1_000, perDevice - done); i++) {
                        batch.add(NewMessage.text(i % 2 == 0 ? Role.USER : Role.ASSISTANT,
                                "device " + d + " message " + (done + i) + " with some ordinary words in it"));
                    }
                    dev.store.messages().appendAll(s.id(), batch);
                }
            }
            System.out.printf("written locally in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            var r = dev.syncOk();
            System.out.printf("pushed %d, pulled %d in %.1f s%n", r.pushed(), r.pulled(), (System.nanoTime() - t0) / 1e9);
            dev.store.checkpoint();
        }
        for (int d = 0; d < devices; d++) {
            Path to = root.resolve("d" + d);
            copyTree(seedDir, to);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + to.resolve("sessions.db"));
                 PreparedStatement ps = c.prepareStatement("UPDATE sync_clock SET device_id = ? WHERE id = 1")) {
                ps.setString(1, UUID.randomUUID().toString().replace("-", ""));
                ps.executeUpdate();
            }
        }
        System.out.printf("seeded %d devices x %d messages in %.1f s%n", devices, perDevice, (System.nanoTime() - t0) / 1e9);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().endsWith(".lock")) {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void syncNow(String url, Path dir, int presses) throws Exception {
        try (SyncDevice dev = new SyncDevice(dir, url)) {
            dev.syncOk(); // connect; catch up with anything from a previous run
            List<Long> server = new ArrayList<>();
            for (int i = 0; i < presses; i++) {
                long s = System.nanoTime();
                var r = dev.syncOk();
                server.add((System.nanoTime() - s) / 1_000_000);
                if (r.pulled() + r.pushed() != 0) {
                    System.out.println("  (not up to date: " + r.summaryLine() + ")");
                }
            }
            Workers workers = Workers.logging();
            ScheduledExecutorService scheduler = workers.scheduler("rig-autosave");
            DraftService drafts = new DraftService(dev.store.drafts(), scheduler, Duration.ofSeconds(1));
            WindowLayoutService layout = new WindowLayoutService(dev.store.windows(), scheduler, Duration.ofSeconds(1));
            java.util.Map<String, List<Long>> perStep = new java.util.LinkedHashMap<>();
            List<dev.sessiondesk.app.sync.SyncStep> steps = new ArrayList<>(BuiltInSyncSteps.of(dev.store, drafts, layout));
            steps.add(new RemoteSyncStep(dev.sync));
            SyncService all = new SyncService(List.of(), Clock.systemUTC());
            for (var step : steps) {
                List<Long> times = perStep.computeIfAbsent(step.name(), k -> new ArrayList<>());
                all.addStep(new dev.sessiondesk.app.sync.SyncStep() {
                    @Override
                    public dev.sessiondesk.app.sync.SyncStepResult run(SyncContext ctx) throws Exception {
                        long s = System.nanoTime();
                        try {
                            return step.run(ctx);
                        } finally {
                            times.add((System.nanoTime() - s) / 1_000_000);
                        }
                    }

                    @Override
                    public String name() {
                        return step.name();
                    }
                });
            }
            String open = dev.store.sessions().list(SessionQuery.firstPage(100)).stream()
                    .max(java.util.Comparator.comparingInt(Session::messageCount)).orElseThrow().id(); // the longest recent one
            List<Long> whole = new ArrayList<>();
            SyncSummary last = null;
            for (int i = 0; i < presses; i++) {
                long s = System.nanoTime();
                last = all.syncNow(new SyncContext(Set.of(open)));
                whole.add((System.nanoTime() - s) / 1_000_000);
            }
            scheduler.shutdownNow();
            System.out.println("  last Sync Now: " + last.describe().replace('\n', ';'));
            System.out.printf("| up-to-date device's server exchange (%,d messages here) | median %d ms, max %d ms |%n",
                    dev.store.sessions().list(SessionQuery.all()).stream().mapToLong(Session::messageCount).sum(), median(server), max(server));
            System.out.printf("| up-to-date device's whole Sync Now (1 window open) | median %d ms, max %d ms |%n",
                    median(whole), max(whole));
            perStep.forEach((name, times) -> System.out.printf("    step %s: median %d ms, max %d ms%n", name, median(times), max(times)));
        }
    }

    static void latency(String url, Path root, int devices, int seconds) throws Exception {
        List<SyncDevice> all = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            SyncDevice dev = new SyncDevice(root.resolve("d" + d), url);
            all.add(dev);
            String title = "device " + d + " session 0";
            sessions.add(dev.store.sessions().list(SessionQuery.all().withFilter(title)).stream().filter(s -> title.equals(s.title())).findFirst()
                    .orElseThrow().id());
        }
        long t0 = System.nanoTime();
        for (SyncDevice d : all) {
            d.syncOk(); // up to date (a previous run's messages)
        }
        System.out.printf("caught up %d devices in %.1f s%n", devices, (System.nanoTime() - t0) / 1e9);
        measureLatency(url, all, sessions, seconds);
        for (SyncDevice d : all) {
            d.close();
        }
    }

    /**
     * Live sync on every device of {@code all} (each up to date), all but the first appending 2 messages/s
     * to its session in {@code sessions} for {@code seconds}; prints how long until the first holds each
     * one, and the sending device's part of it (append → its push began on the server at {@code url}).
     */
    static void measureLatency(String url, List<SyncDevice> all, List<String> sessions, int seconds) throws Exception {
        int devices = all.size();
        ConcurrentHashMap<String, Long> committedAt = new ConcurrentHashMap<>();
        List<Long> latencies = new CopyOnWriteArrayList<>();
        List<LiveSync> lives = new ArrayList<>();
        for (SyncDevice d : all) {
            LiveSync live = new LiveSync(d.sync, Duration.ofSeconds(30), r -> { }, Workers.logging().threads("live-sync", true));
            lives.add(live);
            live.start();
        }
        SyncDevice observer = all.get(0);
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (var e : committedAt.entrySet()) {
                    String[] key = e.getKey().split("#");
                    if (observer.store.sessions().require(key[0]).messageCount() >= Integer.parseInt(key[1])) {
                        latencies.add((System.nanoTime() - e.getValue()) / 1_000_000);
                        committedAt.remove(e.getKey());
                    }
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException ex) {
                    return;
                }
            }
        });
        watcher.setDaemon(true);
        watcher.start();
        // When each push began on the server (messages.pushed_at is its transaction's start): splits the latency
        // into the writer's side (append -> push started) and the rest (server lock, commit, notify, pull, apply).
        String db = url.substring(url.lastIndexOf('/') + 1);
        long startCursor;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "root", "");
             var rs = c.createStatement().executeQuery("SELECT coalesce(max(change_no), 0) FROM sessiondesk.messages")) {
            rs.next();
            startCursor = rs.getLong(1);
        }
        ConcurrentHashMap<String, Long> appendedAt = new ConcurrentHashMap<>();
        List<Long> writerSide = new CopyOnWriteArrayList<>();
        Thread.sleep(3_000);
        long end = System.currentTimeMillis() + seconds * 1_000L;
        List<Thread> writers = new ArrayList<>();
        for (int d = 1; d < devices; d++) {
            SyncDevice dev = all.get(d);
            String sid = sessions.get(d);
            Thread w = new Thread(() -> {
                while (System.currentTimeMillis() < end) {
                    var r = dev.store.messages().append(sid, NewMessage.text(Role.USER, "live"));
                    committedAt.put(sid + "#" + r.seq(), System.nanoTime());
                    appendedAt.put(sid + "#" + r.seq(), System.currentTimeMillis());
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException ex) {
                        return;
                    }
                }
            });
            writers.add(w);
            w.start();
        }
        for (Thread w : writers) {
            w.join();
        }
        Thread.sleep(5_000);
        watcher.interrupt();
        lives.forEach(LiveSync::close);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "root", "");
             PreparedStatement ps = c.prepareStatement("SELECT session_id, seq, (extract(epoch FROM pushed_at) * 1000)::bigint"
                     + " FROM sessiondesk.messages WHERE change_no > ?")) {
            ps.setLong(1, startCursor);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long t = appendedAt.get(rs.getString(1) + "#" + rs.getInt(2));
                    if (t != null) {
                        writerSide.add(rs.getLong(3) - t);
                    }
                }
            }
        }
        List<Long> ws = new ArrayList<>(writerSide);
        Collections.sort(ws);
        if (!ws.isEmpty()) {
            System.out.printf("  writer side (append -> its push began on the server): p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                    ws.get(ws.size() / 2), ws.get((int) Math.ceil(ws.size() * 0.9) - 1),
                    ws.get((int) Math.ceil(ws.size() * 0.99) - 1), max(ws));
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("| device->device latency while %d devices append (2/s each), %d devices live | p50 %d ms, p90 %d ms,"
                        + " p99 %d ms, max %d ms, %d samples, %d not seen | target p99 <= 1 s |%n",
                devices - 1, devices, sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1),
                sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1), max(sorted), sorted.size(), committedAt.size());
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static long max(List<Long> xs) {
        return Collections.max(xs);
    }
}
