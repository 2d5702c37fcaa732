package dev.sessiondesk.torture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.CanonicalJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The crash-torture child: {@code TortureChild DATA_DIR ACK_LOG SEED [MAX_OPS]}. Opens the real app
 * services, ends replies a previous (killed) run left streaming, as the app does at start, prints
 * {@code READY} and then performs a seeded random schedule of operations until it is killed (or has
 * done MAX_OPS, then prints {@code DONE} and exits cleanly). It starts when it reads {@code GO}.
 */
public final class TortureChild {
    private TortureChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Path ackLog = Path.of(args[1]);
        long seed = Long.parseLong(args[2]);
        long maxOps = args.length > 3 ? Long.parseLong(args[3]) : Long.MAX_VALUE;
        Random random = new Random(seed);
        warmUpAndWaitForGo();
        try (AckLog acks = new AckLog(ackLog); SessionDesk desk = SessionDesk.open(dataDir)) {
            long op = acks.intent("start", null, null);
            int interrupted = desk.store().messages().interruptAbandonedStreams();
            ObjectNode started = AckLog.fact("start");
            started.put("interrupted", interrupted);
            acks.ack(op, started, true);
            ChildWorld world = new ChildWorld(desk, random, acks);
            while (world.live.size() < 3) {
                new StoreOperations.NewSessionOp().run(world);
            }
            System.out.println("READY");
            System.out.flush();
            List<TortureOperation> kinds = new java.util.ArrayList<>(StoreOperations.all());
            kinds.addAll(ImportAndBackupOperations.all());
            int total = kinds.stream().mapToInt(TortureOperation::weight).sum();
            for (long done = 0; done < maxOps; done++) {
                TortureOperation next = pick(kinds, total, random);
                if (next.applicable(world)) {
                    next.run(world);
                }
            }
            System.out.println("DONE");
            System.out.flush();
        }
    }

    /**
     * The parent starts the next child while it checks the store after a kill; the child loads its
     * classes and SQLite's native library meanwhile, without touching the data folder, and begins
     * when it reads {@code GO}. That keeps JVM start-up out of the time between kills.
     */
    private static void warmUpAndWaitForGo() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:");
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE warm(x)");
        }
        CanonicalJson.parse("[{\"type\":\"text\",\"text\":\"warm\"}]");
        org.slf4j.LoggerFactory.getLogger(TortureChild.class).debug("torture child warmed up");
        System.out.println("WARM");
        System.out.flush();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                java.nio.charset.StandardCharsets.UTF_8)).readLine();
        if (!"GO".equals(line)) {
            throw new IllegalStateException("the torture child expected GO on its input, got " + line);
        }
    }

    private static TortureOperation pick(List<TortureOperation> kinds, int total, Random random) {
        int roll = random.nextInt(total);
        for (TortureOperation k : kinds) {
            roll -= k.weight();
            if (roll < 0) {
                return k;
            }
        }
        throw new IllegalStateException("weights do not add up");
    }
}
