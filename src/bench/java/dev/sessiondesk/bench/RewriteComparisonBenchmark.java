package dev.sessiondesk.bench;

import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saving one new message by {@code append} against saving it the way apps that batch their saves do:
 * delete the conversation's rows and insert them all again, in one transaction with the same settings.
 * The baseline runs on its own copy of the same conversations (same schema, same file system) and is
 * kept cheap on purpose: no hashing and no search index, only the DELETE and the INSERTs.
 */
final class RewriteComparisonBenchmark implements Benchmark {
    /** The save's limit is its one fsync'd commit: append may cost at most 30% more than a bare one. */
    private static final Target OVER_BARE = Target.ratioAtMost(1.3, "a bare INSERT+COMMIT");
    /** Delete-and-reinsert is context only: one fsync per commit caps any save's lead over it. */
    private static final Target CONTEXT = Target.informational("context");
    private static final Target FLAT = Target.ratioAtMost(1.2, "its p50 at 100");
    private static final String FLAT_ROW = "`append` p50 at 10,000 messages vs at 100 (flat)";
    private static final int WARMUP_APPENDS = 5;

    @Override
    public String name() {
        return "append vs delete-and-reinsert";
    }

    private static String overBareRow(int size) {
        return String.format("save 1 message to a %,d-message session: `append` p50 over a bare INSERT+COMMIT p50", size);
    }

    private static String row(int size) {
        return String.format("(context) the same save by delete-and-reinsert of a %,d-message session, p50", size);
    }

    @Override
    public List<PlannedRow> plannedRows() {
        List<PlannedRow> rows = new ArrayList<>();
        for (int size : new int[] {100, 1_000, 10_000}) {
            rows.add(new PlannedRow(overBareRow(size), OVER_BARE));
        }
        for (int size : new int[] {100, 1_000, 10_000}) {
            rows.add(new PlannedRow(row(size), CONTEXT));
        }
        rows.add(new PlannedRow(FLAT_ROW, FLAT));
        return rows;
    }

    /** The in-memory conversation a rewrite-on-save app holds, one row per message. */
    private record HeldRow(String messageId, String role, long created, String contentJson, String hash) {
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        BenchConfig cfg = ctx.config();
        int[] sizes = cfg.rewriteSizes();
        Path dir = ctx.workDir("rewrite");
        CorpusSeeder seeder = new CorpusSeeder(cfg.seed());
        ConversationGenerator gen = seeder.generator();
        Map<Integer, String> appendIds = new LinkedHashMap<>();
        Map<Integer, String> rewriteIds = new LinkedHashMap<>();
        ctx.log("  seeding sessions of " + java.util.Arrays.toString(sizes) + " messages (twice)");
        try (Store baselineStore = Store.open(dir.resolve("rewrite-store"))) {
            for (int size : sizes) {
                rewriteIds.put(size, seeder.writeSession(baselineStore, size, size).id());
            }
        }
        Map<Integer, Samples> appends = new LinkedHashMap<>();
        Map<Integer, Samples> rewrites = new LinkedHashMap<>();
        Samples bareCommits = new Samples();
        try (Store store = Store.open(dir.resolve("store"));
             Connection rewriteDb = RawSqlite.writer(dir.resolve("rewrite-store").resolve(Store.FILE_NAME));
             Connection bareDb = RawSqlite.writer(dir.resolve("bare.db"))) {
            try (var s = bareDb.createStatement()) {
                s.execute("CREATE TABLE raw_messages (id INTEGER PRIMARY KEY, content_json TEXT NOT NULL)");
            }
            bareDb.setAutoCommit(false);
            for (int size : sizes) {
                appendIds.put(size, seeder.writeSession(store, size, size).id());
                appends.put(size, new Samples());
                rewrites.put(size, new Samples());
            }
            Map<Integer, List<HeldRow>> held = new LinkedHashMap<>();
            for (int size : sizes) {
                held.put(size, load(rewriteDb, rewriteIds.get(size)));
            }
            rewriteDb.setAutoCommit(false);
            int rounds = WARMUP_APPENDS + cfg.rewriteAppendSamples();
            int[] rewritesDone = new int[sizes.length];
            for (int round = 0; round < rounds; round++) {
                for (int turn = 0; turn < sizes.length; turn++) {
                    int s = (round + turn) % sizes.length; // rotate, so no size always follows a big rewrite
                    int size = sizes[s];
                    String id = appendIds.get(size);
                    int next = store.sessions().require(id).messageCount();
                    var message = gen.message(size, next);
                    long t = System.nanoTime();
                    store.messages().append(id, message);
                    long took = System.nanoTime() - t;
                    if (round >= WARMUP_APPENDS) {
                        appends.get(size).add(took);
                    }
                    if (s == 0) { // the floor for any durable save on this disk, once per round
                        long b = System.nanoTime();
                        try (PreparedStatement ps = bareDb.prepareStatement("INSERT INTO raw_messages(content_json) VALUES (?)")) {
                            ps.setString(1, message.contentJson());
                            ps.executeUpdate();
                        }
                        bareDb.commit();
                        if (round >= WARMUP_APPENDS) {
                            bareCommits.add(System.nanoTime() - b);
                        }
                    }
                    // Spread the (slow) baseline saves evenly over the append rounds; the first is warm-up.
                    int wanted = cfg.rewriteSamples()[s] + 1;
                    if (rewritesDone[s] < wanted && round * wanted >= rewritesDone[s] * rounds) {
                        List<HeldRow> conversation = held.get(size);
                        conversation.add(new HeldRow(message.messageId(), message.role().wire(), message.created(),
                                message.contentJson(), null));
                        long r = System.nanoTime();
                        rewrite(rewriteDb, rewriteIds.get(size), conversation);
                        long rewriteTook = System.nanoTime() - r;
                        if (rewritesDone[s] > 0) {
                            rewrites.get(size).add(rewriteTook);
                        }
                        rewritesDone[s]++;
                    }
                }
            }
        }
        List<Figure> out = new ArrayList<>();
        for (int size : sizes) {
            Samples a = appends.get(size);
            out.add(Figure.measured(overBareRow(size), Format.ms(a.medianMillis()), a.medianMillis(),
                    "bare INSERT+COMMIT p50 " + Format.ms(bareCommits.medianMillis()) + " (n=" + bareCommits.count() + ")",
                    a.medianMillis() / bareCommits.medianMillis(), OVER_BARE, null));
        }
        for (int size : sizes) {
            Samples a = appends.get(size);
            Samples r = rewrites.get(size);
            double ratio = r.medianMillis() / a.medianMillis();
            out.add(Figure.measured(row(size), Format.ms(r.medianMillis()) + " (n=" + r.count() + ")", r.medianMillis(),
                    "`append` p50 " + Format.ms(a.medianMillis()) + ", " + Format.ratio(ratio) + " faster", ratio,
                    CONTEXT, null));
        }
        Samples small = appends.get(sizes[0]);
        Samples large = appends.get(sizes[sizes.length - 1]);
        out.add(Figure.measured(FLAT_ROW, Format.ms(large.medianMillis()), large.medianMillis(),
                "p50 at 100 messages " + Format.ms(small.medianMillis()), large.medianMillis() / small.medianMillis(),
                FLAT, null));
        StringBuilder ceilings = new StringBuilder();
        for (int size : sizes) {
            ceilings.append(ceilings.length() == 0 ? "" : ", ").append(String.format("%,d", size)).append(": ")
                    .append(Format.ratio(rewrites.get(size).medianMillis() / bareCommits.medianMillis()));
        }
        ctx.note(String.format("Append vs delete-and-reinsert: %,d appends per size, round-robin across sizes in rotating"
                        + " order, each size's baseline saves spread evenly between them; the baseline inserts no hashes and"
                        + " no search index rows (cheaper than the real thing would be). A bare INSERT+COMMIT in the same"
                        + " rounds took p50 %s, so even a save that costs nothing but its commit would be faster than"
                        + " delete-and-reinsert by only %s.", cfg.rewriteAppendSamples(),
                Format.ms(bareCommits.medianMillis()), ceilings));
        return out;
    }

    private static List<HeldRow> load(Connection c, String sessionId) throws Exception {
        List<HeldRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT message_id, role, created, content_json, hash"
                + " FROM messages WHERE session_id = ? ORDER BY seq")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new HeldRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        return rows;
    }

    /** The baseline save: the whole conversation deleted and inserted again, committed. */
    private static void rewrite(Connection c, String sessionId, List<HeldRow> conversation) throws Exception {
        long now = System.currentTimeMillis();
        try (PreparedStatement del = c.prepareStatement("DELETE FROM messages WHERE session_id = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO messages(session_id, seq, message_id, role, created,"
                     + " content_json, user_visible, agent_visible, state, hash, updated_at)"
                     + " VALUES (?,?,?,?,?,?,1,1,'complete',?,?)");
             PreparedStatement head = c.prepareStatement("UPDATE sessions SET message_count = ?, updated_at = ?,"
                     + " last_activity = ? WHERE id = ?")) {
            del.setString(1, sessionId);
            del.executeUpdate();
            int seq = 0;
            for (HeldRow m : conversation) {
                ins.setString(1, sessionId);
                ins.setInt(2, ++seq);
                ins.setString(3, m.messageId());
                ins.setString(4, m.role());
                ins.setLong(5, m.created());
                ins.setString(6, m.contentJson());
                ins.setString(7, m.hash());
                ins.setLong(8, now);
                ins.executeUpdate();
            }
            head.setInt(1, seq);
            head.setLong(2, now);
            head.setLong(3, now);
            head.setString(4, sessionId);
            head.executeUpdate();
            c.commit();
        } catch (Exception e) {
            c.rollback();
            throw e;
        }
    }
}
