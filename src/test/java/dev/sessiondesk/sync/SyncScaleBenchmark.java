package dev.sessiondesk.sync;

import dev.sessiondesk.app.sync.LiveSync;
import dev.sessiondesk.app.sync.SyncReport;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sync scale rows, against the machine's PostgreSQL:
 * {@code java -cp <test classpath> dev.sessiondesk.sync.SyncScaleBenchmark DEVICES MESSAGES_PER_DEVICE}
 * (the issue's sizes are 20 × 50,000). Prints: seeding, a new device's first sync of everything
 * (with progress), an up-to-date device's Sync Now (median and max of 20), and device→device latency
 * p50/p99 while every device appends with live sync on.
 */
public final class SyncScaleBenchmark {
    private SyncScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int perDevice = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        Path tmp = Files.createTempDirectory("sync-bench");
        try (PgTestServer pg = PgTestServer.create()) {
            List<SyncDevice> all = new ArrayList<>();
            List<String> sessions = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int d = 0; d < devices; d++) {
                SyncDevice dev = new SyncDevice(tmp.resolve("d" + d), pg.url());
                all.add(dev);
                int perSession = 1_000;
                for (int done = 0; done < perDevice; done += perSession) {
                    Session s = dev.store.sessions().create(NewSession.titled("device " + d + " session " + done, null));
                    List<NewMessage> batch = new ArrayList<>();
                    for (int i = 0; i < Math.min(perSession, perDevice - done); i++) {
                        batch.add(NewMessage.text(i % 2 == 0 ? Role.USER : Role.ASSISTANT,
                                "device " + d + " message " + (done + i) + " with some ordinary words in it"));
                    }
                    dev.store.messages().appendAll(s.id(), batch);
                    if (sessions.size() < devices) {
                        sessions.add(s.id());
                    }
                }
                dev.syncOk();
            }
            System.out.printf("seeded %d devices x %d messages and pushed them in %.1f s%n", devices, perDevice,
                    (System.nanoTime() - t0) / 1e9);

            try (SyncDevice fresh = new SyncDevice(tmp.resolve("new"), pg.url())) {
                long start = System.nanoTime();
                long[] lastPrint = {0};
                SyncReport first = fresh.sync.syncNow((done, total) -> {
                    if (done - lastPrint[0] >= total / 10 || done == total) {
                        lastPrint[0] = done;
                        System.out.printf("  first sync progress: %d / %d%n", done, total);
                    }
                });
                double secs = (System.nanoTime() - start) / 1e9;
                System.out.printf("| new device's first sync of %,d messages | %.1f s | target <= 120 s |%n",
                        first.pulled(), secs);
                List<Long> upToDate = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    long s = System.nanoTime();
                    fresh.syncOk();
                    upToDate.add((System.nanoTime() - s) / 1_000_000);
                }
                Collections.sort(upToDate);
                System.out.printf("| up-to-date device's Sync Now (%d devices on the server) | median %d ms, max %d ms | target <= 100 ms |%n",
                        devices, upToDate.get(10), upToDate.get(19));
            }

            for (SyncDevice d : all) {
                d.syncOk(); // everyone up to date before the latency run
            }
            ConcurrentHashMap<String, Long> committedAt = new ConcurrentHashMap<>();
            List<Long> latencies = new CopyOnWriteArrayList<>();
            List<LiveSync> lives = new ArrayList<>();
            for (SyncDevice d : all) {
                LiveSync live = new LiveSync(d.sync, Duration.ofSeconds(30), r -> { }, dev.sessiondesk.app.tasks.Workers.logging().threads("live-sync", true));
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
            Thread.sleep(2_000);
            long end = System.currentTimeMillis() + 30_000;
            List<Thread> writers = new ArrayList<>();
            for (int d = 1; d < devices; d++) {
                SyncDevice dev = all.get(d);
                String sid = sessions.get(d);
                Thread w = new Thread(() -> {
                    while (System.currentTimeMillis() < end) {
                        var r = dev.store.messages().append(sid, NewMessage.text(Role.USER, "live"));
                        committedAt.put(sid + "#" + r.seq(), System.nanoTime());
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
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("| device->device latency while %d devices append (2/s each) | p50 %d ms, p99 %d ms, %d samples, %d not seen | target p99 <= 1 s |%n",
                    devices - 1, sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1),
                    sorted.size(), committedAt.size());
            for (SyncDevice d : all) {
                d.close();
            }
        }
    }
}
