package dev.sessiondesk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.SessionQuery;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at random moments: two devices write one session at once and sync between appends while a
 * third pulls, each in its own JVM, each killed at a random time, round after round. Afterwards every
 * acknowledged message is exactly once on the server and on every device (in the session or in a
 * branch made from it), and every chain verifies. {@code -Ptorture} runs 200 kills; the default
 * build a few (sessiondesk.sync.torture.kills).
 */
class SyncKillTortureTest {
    @TempDir
    Path tmp;

    @Test
    void killsDuringPushAndPullLoseNothingAndDoubleNothing() throws Exception {
        int kills = Integer.getInteger("sessiondesk.sync.torture.kills", 12);
        long seed = Long.getLong("sessiondesk.torture.seed", System.nanoTime());
        Random random = new Random(seed);
        try (PgTestServer pg = PgTestServer.create()) {
            Path a = tmp.resolve("a");
            Path b = tmp.resolve("b");
            Path c = tmp.resolve("c");
            String session;
            try (SyncDevice da = new SyncDevice(a, pg.url())) {
                session = da.store.sessions().create(NewSession.titled("Contested", null)).id();
                da.syncOk();
            }
            try (SyncDevice db = new SyncDevice(b, pg.url())) {
                db.syncOk();
            }
            Set<String> acked = new HashSet<>();
            int killed = 0;
            int round = 0;
            while (killed < kills) {
                List<Process> children = new ArrayList<>();
                List<Path> outs = new ArrayList<>();
                children.add(start(a, pg.url(), "write", session, "a", random.nextLong(), outs, round));
                children.add(start(b, pg.url(), "write", session, "b", random.nextLong(), outs, round));
                children.add(start(c, pg.url(), "pull", session, "c", 0, outs, round));
                for (int i = 0; i < children.size(); i++) {
                    waitStarted(outs.get(i), children.get(i));
                }
                long end = System.currentTimeMillis() + 300 + random.nextInt(1_500);
                for (Process p : children) {
                    long wait = Math.max(0, end - System.currentTimeMillis() + random.nextInt(400));
                    Thread.sleep(wait);
                    p.destroyForcibly(); // SIGKILL
                    killed++;
                }
                for (Process p : children) {
                    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
                for (Path out : outs) {
                    for (String line : Files.readAllLines(out)) {
                        if (line.startsWith("acked ")) {
                            acked.add(line.substring(6));
                        }
                    }
                }
                round++;
            }
            // Everyone settles: two full rounds so branches made in the first reach everyone.
            for (int pass = 0; pass < 2; pass++) {
                for (Path d : List.of(a, b, c)) {
                    try (SyncDevice dev = new SyncDevice(d, pg.url())) {
                        dev.syncOk();
                    }
                }
            }
            assertThat(acked).as("acknowledged messages (seed %d)", seed).isNotEmpty();
            Map<String, Integer> onServer = new HashMap<>();
            try (Connection conn = pg.connect(); Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT content->0->>'text' FROM sessiondesk.messages")) {
                while (rs.next()) {
                    onServer.merge(rs.getString(1), 1, Integer::sum);
                }
            }
            for (String text : acked) {
                assertThat(onServer.get(text)).as("copies of acked %s on the server (seed %d)", text, seed).isEqualTo(1);
            }
            for (Path d : List.of(a, b, c)) {
                try (Store store = Store.open(d)) {
                    Map<String, Integer> here = new HashMap<>();
                    for (Session s : store.sessions().list(SessionQuery.all())) {
                        for (Message m : ownMessages(store, s)) {
                            here.merge(ContentItems.plainText(m.contentJson()), 1, Integer::sum);
                        }
                    }
                    for (String text : acked) {
                        assertThat(here.get(text)).as("copies of acked %s on %s (seed %d)", text, d, seed).isEqualTo(1);
                    }
                    assertThat(here.keySet()).as("device %s holds what the server holds", d).isEqualTo(onServer.keySet());
                    StoreReport report = store.verifier().verifyAll(false);
                    assertThat(report.ok()).as("chains on %s: %s", d, report.problems()).isTrue();
                }
            }
            System.out.println("sync kill torture: " + killed + " kills, " + acked.size() + " messages acknowledged, 0 lost,"
                    + " 0 duplicated, chains verify on 3 devices (seed " + seed + ")");
        }
    }

    /** The rows a session stores itself (a fork refers to its parent's prefix instead of copying it). */
    private static List<Message> ownMessages(Store store, Session s) {
        int inherited = s.parentSeq() == null ? 0 : s.parentSeq();
        return store.messages().list(s.id()).stream().filter(m -> m.seq() > inherited || s.parentSessionId() == null).toList();
    }

    private static Process start(Path data, String url, String mode, String session, String tag, long seed,
                                 List<Path> outs, int round) throws Exception {
        Path out = data.resolveSibling(tag + "-" + round + ".out");
        outs.add(out);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dsessiondesk.logDir=" + data.resolveSibling("logs-" + tag),
                SyncTortureChild.class.getName(), mode, data.toString(), url));
        if (mode.equals("write")) {
            cmd.addAll(List.of(session, tag, Long.toString(seed)));
        }
        return new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(data.resolveSibling(tag + "-" + round + ".err").toFile()).start();
    }

    private static void waitStarted(Path out, Process p) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(out) && Files.readString(out).contains("started")) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("a torture child died on its own: " + Files.readString(
                        out.resolveSibling(out.getFileName().toString().replace(".out", ".err"))));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("a torture child did not start within 60 s");
    }
}
