package dev.sessiondesk.bench;

import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

/**
 * Durable {@code MessageLog.append} against the cheapest durable write SQLite offers with the same
 * settings: one INSERT + COMMIT of the same content into a bare table in a file beside the store.
 * The two alternate sample by sample (the order flipping each time), so both see the same disk and
 * the same neighbours on a shared machine.
 */
final class AppendLatencyBenchmark implements Benchmark {
    private static final String P50 = "durable `append` p50 (WAL, synchronous=FULL)";
    private static final String P99 = "durable `append` p99 (WAL, synchronous=FULL)";
    private static final Target P99_TARGET = Target.ratioAtMost(1.5, "raw");

    @Override
    public String name() {
        return "append latency vs raw INSERT+COMMIT";
    }

    @Override
    public List<PlannedRow> plannedRows() {
        return List.of(new PlannedRow(P50, Target.informational("context for p99")), new PlannedRow(P99, P99_TARGET));
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        BenchConfig cfg = ctx.config();
        Path dir = ctx.workDir("append");
        ConversationGenerator gen = new ConversationGenerator(cfg.seed());
        int warmup = Math.max(20, cfg.appendSamples() / 10);
        int total = warmup + cfg.appendSamples();
        List<NewMessage> messages = gen.conversation(7, 100, total);
        Samples append = new Samples();
        Samples raw = new Samples();
        try (Store store = Store.open(dir.resolve("store"));
             Connection rawDb = RawSqlite.writer(dir.resolve("raw.db"))) {
            String session = new CorpusSeeder(cfg.seed()).writeSession(store, 7, 100).id();
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
                    if (i % 2 == 0) {
                        storeSide.run();
                        rawSide.get();
                    } else {
                        rawSide.get();
                        storeSide.run();
                    }
                }
            }
        }
        ctx.note(String.format("Append: %,d samples each after %,d warm-up, alternating with the raw INSERT+COMMIT"
                        + " into a bare 4-column table; append p99.9 %s vs raw %s; max %s vs %s.", cfg.appendSamples(),
                warmup, Format.ms(append.percentileMillis(99.9)), Format.ms(raw.percentileMillis(99.9)),
                Format.ms(append.maxMillis()), Format.ms(raw.maxMillis())));
        double r50 = append.medianMillis() / raw.medianMillis();
        double r99 = append.p99Millis() / raw.p99Millis();
        return List.of(
                Figure.measured(P50, Format.ms(append.medianMillis()), append.medianMillis(),
                        "raw INSERT+COMMIT p50 " + Format.ms(raw.medianMillis()), r50,
                        Target.informational("context for p99"), null),
                Figure.measured(P99, Format.ms(append.p99Millis()), append.p99Millis(),
                        "raw INSERT+COMMIT p99 " + Format.ms(raw.p99Millis()), r99, P99_TARGET, null));
    }
}
