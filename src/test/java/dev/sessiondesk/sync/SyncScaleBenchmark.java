package dev.sessiondesk.sync;

import dev.sessiondesk.app.sync.SyncReport;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The sync scale rows, against the machine's PostgreSQL:
 * {@code java -cp <test classpath> dev.sessiondesk.sync.SyncScaleBenchmark DEVICES MESSAGES_PER_DEVICE}
 * (the sizes are 20 × 50,000). Prints: seeding, a new device's first sync of everything
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
            SyncScaleRig.measureLatency(pg.url(), all, sessions, 30);
            for (SyncDevice d : all) {
                d.close();
            }
        }
    }
}
