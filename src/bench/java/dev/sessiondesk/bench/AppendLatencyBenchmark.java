package dev.sessiondesk.bench;

import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Durable {@code MessageLog.append} against the cheapest durable write SQLite offers with the same
 * settings: one INSERT + COMMIT of the same content into a bare table in a file beside the store.
 * A third series runs the same SQL statements an append runs, on a twin store, from raw JDBC, to split
 * an append's time into SQLite's part and SessionDesk's Java part. The three alternate sample by
 * sample (the order rotating), so all see the same disk and the same neighbours on a shared machine.
 */
final class AppendLatencyBenchmark implements Benchmark {
    private static final String P50 = "durable `append` p50 (WAL, synchronous=FULL)";
    private static final String P99 = "durable `append` p99 (WAL, synchronous=FULL)";
    private static final String P99_HOG = "durable `append` p99 with a CPU hog spinning on the other core";
    private static final Target P99_TARGET = Target.ratioAtMost(1.5, "raw");
    /** The twin store is never verified; its rows carry a fixed stand-in hash of the right length. */
    private static final String TWIN_HASH = "f".repeat(64);

    @Override
    public String name() {
        return "append latency vs raw INSERT+COMMIT";
    }

    @Override
    public List<PlannedRow> plannedRows() {
        return List.of(new PlannedRow(P50, Target.informational("context for p99")), new PlannedRow(P99, P99_TARGET),
                new PlannedRow(P99_HOG, P99_TARGET));
    }

    /** The three series of one pass: append, the bare INSERT+COMMIT, and append's SQL from raw JDBC. */
    private record Series(Samples append, Samples raw, Samples sameStatements) {
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        Series idle = measure(ctx, "idle");
        Series hogged;
        try (CpuHog hog = CpuHog.start()) {
            hogged = measure(ctx, "hog");
        }
        ctx.note(String.format("Append with a CPU hog (a shell busy loop, one core) running the whole pass: append p50 %s"
                        + " / p99 %s; bare INSERT+COMMIT p50 %s / p99 %s; append's SQL from raw JDBC p50 %s / p99 %s.",
                Format.ms(hogged.append().medianMillis()), Format.ms(hogged.append().p99Millis()),
                Format.ms(hogged.raw().medianMillis()), Format.ms(hogged.raw().p99Millis()),
                Format.ms(hogged.sameStatements().medianMillis()), Format.ms(hogged.sameStatements().p99Millis())));
        List<Figure> out = new java.util.ArrayList<>(figures(ctx, idle));
        out.add(Figure.measured(P99_HOG, Format.ms(hogged.append().p99Millis()), hogged.append().p99Millis(),
                "raw INSERT+COMMIT p99 " + Format.ms(hogged.raw().p99Millis()) + " (same hog)",
                hogged.append().p99Millis() / hogged.raw().p99Millis(), P99_TARGET, null));
        return out;
    }

    private Series measure(BenchContext ctx, String pass) throws Exception {
        BenchConfig cfg = ctx.config();
        Path dir = ctx.workDir("append-" + pass);
        ConversationGenerator gen = new ConversationGenerator(cfg.seed());
        int warmup = Math.max(20, cfg.appendSamples() / 10);
        int total = warmup + cfg.appendSamples();
        List<NewMessage> messages = gen.conversation(7, 100, total);
        Samples append = new Samples();
        Samples raw = new Samples();
        Samples sameStatements = new Samples();
        String twinSession;
        try (Store twin = Store.open(dir.resolve("twin"))) {
            twinSession = new CorpusSeeder(cfg.seed()).writeSession(twin, 7, 100).id();
        }
        try (Store store = Store.open(dir.resolve("store"));
             Connection rawDb = RawSqlite.writer(dir.resolve("raw.db"));
             Connection twinDb = RawSqlite.writer(dir.resolve("twin").resolve(Store.FILE_NAME))) {
            String session = new CorpusSeeder(cfg.seed()).writeSession(store, 7, 100).id();
            twinDb.setAutoCommit(false);
            List<String> searchText = messages.stream().map(m -> ContentItems.plainText(m.contentJson())).toList();
            try (Statement s = rawDb.createStatement()) {
                s.execute("CREATE TABLE raw_messages (id INTEGER PRIMARY KEY, session_id TEXT NOT NULL,"
                        + " seq INTEGER NOT NULL, content_json TEXT NOT NULL)");
            }
            rawDb.setAutoCommit(false);
            try (PreparedStatement insert = rawDb.prepareStatement(
                    "INSERT INTO raw_messages(session_id, seq, content_json) VALUES (?,?,?)")) {
                for (int i = 0; i < total; i++) {
                    NewMessage m = messages.get(i);
                    int seq = 101 + i;
                    boolean measured = i >= warmup;
                    Runnable storeSide = () -> {
                        long t = System.nanoTime();
                        store.messages().append(session, m);
                        if (measured) {
                            append.add(System.nanoTime() - t);
                        }
                    };
                    Samples.ThrowingSupplier<Void> rawSide = () -> {
                        long t = System.nanoTime();
                        insert.setString(1, session);
                        insert.setInt(2, seq);
                        insert.setString(3, m.contentJson());
                        insert.executeUpdate();
                        rawDb.commit();
                        if (measured) {
                            raw.add(System.nanoTime() - t);
                        }
                        return null;
                    };
                    Samples.ThrowingSupplier<Void> statementsSide = () -> {
                        long t = System.nanoTime();
                        appendStatements(twinDb, twinSession, seq, m, searchText.get(seq - 101));
                        if (measured) {
                            sameStatements.add(System.nanoTime() - t);
                        }
                        return null;
                    };
                    switch (i % 3) { // rotate the order: none always runs right after another's fsync
                        case 0 -> {
                            storeSide.run();
                            rawSide.get();
                            statementsSide.get();
                        }
                        case 1 -> {
                            rawSide.get();
                            statementsSide.get();
                            storeSide.run();
                        }
                        default -> {
                            statementsSide.get();
                            storeSide.run();
                            rawSide.get();
                        }
                    }
                }
            }
        }
        return new Series(append, raw, sameStatements);
    }

    private static List<Figure> figures(BenchContext ctx, Series idle) {
        BenchConfig cfg = ctx.config();
        int warmup = Math.max(20, cfg.appendSamples() / 10);
        Samples append = idle.append();
        Samples raw = idle.raw();
        Samples sameStatements = idle.sameStatements();
        ctx.note(String.format("Append: %,d samples each after %,d warm-up, alternating with the raw INSERT+COMMIT"
                        + " into a bare 4-column table in a file beside the store; append p99.9 %s vs raw %s; max %s vs %s.", cfg.appendSamples(),
                warmup, Format.ms(append.percentileMillis(99.9)), Format.ms(raw.percentileMillis(99.9)),
                Format.ms(append.maxMillis()), Format.ms(raw.maxMillis())));
        ctx.note(String.format("Append breakdown (same run, interleaved): `append` p50 %s / p99 %s; the same SQL"
                        + " statements an append runs (session read, stream check, message insert, search-index insert,"
                        + " session update; prepared each time, as the store does) on a twin store from raw JDBC, without"
                        + " canonical JSON, hashing or the writer-thread hop: p50 %s / p99 %s; bare INSERT+COMMIT p50 %s"
                        + " / p99 %s.", Format.ms(append.medianMillis()), Format.ms(append.p99Millis()),
                Format.ms(sameStatements.medianMillis()), Format.ms(sameStatements.p99Millis()),
                Format.ms(raw.medianMillis()), Format.ms(raw.p99Millis())));
        double r50 = append.medianMillis() / raw.medianMillis();
        double r99 = append.p99Millis() / raw.p99Millis();
        return List.of(
                Figure.measured(P50, Format.ms(append.medianMillis()), append.medianMillis(),
                        "raw INSERT+COMMIT p50 " + Format.ms(raw.medianMillis()), r50,
                        Target.informational("context for p99"), null),
                Figure.measured(P99, Format.ms(append.p99Millis()), append.p99Millis(),
                        "raw INSERT+COMMIT p99 " + Format.ms(raw.p99Millis()), r99, P99_TARGET, null));
    }

    /** What {@code MessageLog.appendIn} asks of SQLite for one message, minus everything done in Java. */
    private static void appendStatements(Connection c, String session, int seq, NewMessage m, String text)
            throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement ps = c.prepareStatement("SELECT message_count, head_hash, deleted_at FROM sessions WHERE id = ?")) {
            ps.setString(1, session);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM messages WHERE session_id = ? AND state = 'streaming'")) {
            ps.setString(1, session);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
        long rowId;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages(session_id, seq, message_id, role, created,"
                + " content_json, user_visible, agent_visible, state, hash, updated_at) VALUES (?,?,?,?,?,?,1,1,'complete',?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, session);
            ps.setInt(2, seq);
            ps.setString(3, m.messageId());
            ps.setString(4, m.role().wire());
            ps.setLong(5, m.created());
            ps.setString(6, m.contentJson());
            ps.setString(7, TWIN_HASH);
            ps.setLong(8, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                rowId = keys.getLong(1);
            }
        }
        if (!text.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages_fts(rowid, body) VALUES (?, ?)")) {
                ps.setLong(1, rowId);
                ps.setString(2, text);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET message_count = ?, head_hash = ?,"
                + " updated_at = ?, last_activity = ? WHERE id = ?")) {
            ps.setInt(1, seq);
            ps.setString(2, TWIN_HASH);
            ps.setLong(3, now);
            ps.setLong(4, now);
            ps.setString(5, session);
            ps.executeUpdate();
        }
        c.commit();
    }
}
