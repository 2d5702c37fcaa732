package dev.sessiondesk.sync;

import dev.sessiondesk.app.sync.SyncReport;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A new device's first sync, alone, so two builds can be compared on one seeded server:
 * {@code seed URL MESSAGES} fills the server (sessions of 1,000 messages, pushed by one device);
 * {@code pull URL} is a new device in a fresh folder pulling everything, printing messages per second.
 * Run it as {@code java -cp <test classpath> dev.sessiondesk.sync.FirstSyncProbe ...}; the database in
 * URL must exist (and is left in place for the next run).
 */
public final class FirstSyncProbe {
    private FirstSyncProbe() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[1];
        Path tmp = Files.createTempDirectory("first-sync");
        if (args[0].equals("seed")) {
            int total = Integer.parseInt(args[2]);
            long t0 = System.nanoTime();
            try (SyncDevice dev = new SyncDevice(tmp.resolve("seed"), url)) {
                for (int done = 0; done < total; done += 1_000) {
                    Session s = dev.store.sessions().create(NewSession.titled("seeded session " + done, null));
                    List<NewMessage> batch = new ArrayList<>();
                    for (int i = 0; i < Math.min(1_000, total - done); i++) {
                        batch.add(NewMessage.text(i % 2 == 0 ? Role.USER : Role.ASSISTANT,
                                "message " + (done + i) + " with some ordinary words in it, about as long as a short reply"));
                    }
                    dev.store.messages().appendAll(s.id(), batch);
                }
                dev.syncOk();
            }
            System.out.printf("seeded %,d messages in %.1f s%n", total, (System.nanoTime() - t0) / 1e9);
            return; // the seeding device's folder stays in the temp dir: small, and useful to look at
        }
        try (SyncDevice fresh = new SyncDevice(tmp.resolve("fresh"), url)) {
            long start = System.nanoTime();
            SyncReport r = fresh.syncOk();
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("first sync: %,d messages in %.1f s = %,.0f msg/s%n", r.pulled(), secs, r.pulled() / secs);
        } finally {
            try (var files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
