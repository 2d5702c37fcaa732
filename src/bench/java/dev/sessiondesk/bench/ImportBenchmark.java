package dev.sessiondesk.bench;

import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.util.List;

/**
 * Import of 8,000 Goose JSONL sessions: the files are generated from the seeded corpus, then a child
 * JVM with a bounded heap ({@value #CHILD_HEAP}) imports them with the app's {@code ImportService}
 * and reports wall time and peak heap. Baseline: the same messages written by the bulk seeder
 * (the store's rows without any parsing) in this JVM, same run.
 */
final class ImportBenchmark implements Benchmark {
    static final String ROW = "import of 8,000 Goose JSONL sessions (child JVM, -Xmx128m)";
    static final String CHILD_HEAP = "128m";
    private static final Target TARGET = Target.millisAtMost(30_000);

    @Override
    public String name() {
        return "Goose JSONL import";
    }

    @Override
    public List<PlannedRow> plannedRows() {
        return List.of(new PlannedRow(ROW, new Target("≤ 30 s, heap bounded", Target.Basis.MEASURED,
                Target.Bound.AT_MOST, 30_000)));
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        BenchConfig cfg = ctx.config();
        int sessions = cfg.quick() ? 800 : 8_000;
        long messages = sessions * 25L; // Goose sessions are short: 25 messages on average, long-tailed
        CorpusShape shape = new CorpusShape(sessions, messages, List.of());
        int[] lengths = shape.lengths(cfg.seed());
        Path dir = ctx.workDir("import");
        Path source = dir.resolve("goose-sessions");
        long t = System.nanoTime();
        long bytes = GooseJsonlCorpus.write(source, new ConversationGenerator(cfg.seed()), lengths);
        ctx.log(String.format("  wrote %,d files, %,d messages, %,d MB in %.0f s", sessions, messages,
                bytes / 1_000_000, (System.nanoTime() - t) / 1e9));

        ChildJvm.Run run = ChildJvm.run(ctx, dir, "import", CHILD_HEAP, false, ImportProbe.class,
                List.of(dir.resolve("store").toString(), source.toString()), 600);
        long wall = run.millis("wallMillis");
        long imported = run.millis("imported");
        long added = run.millis("messages");
        if (imported != sessions || added != messages) {
            throw new IllegalStateException("the import wrote " + imported + " sessions / " + added
                    + " messages, expected " + sessions + " / " + messages + " (skipped " + run.require("skipped") + ")");
        }
        double peakMb = run.number("peakUsedSampled") / 1e6;
        double maxMb = run.number("maxHeap") / 1e6;

        long seeded;
        try (Store store = Store.open(dir.resolve("baseline-store"))) {
            seeded = new CorpusSeeder(cfg.seed()).seed(store, shape, s -> { }).elapsedNanos();
        }
        double seedMs = seeded / 1e6;
        ctx.note(String.format("Import: %,d Goose JSONL files (%,d messages, %,d MB, lengths long-tailed around 25)"
                        + " imported by `ImportService` in a child JVM with -Xmx%s: %s; peak used heap %.0f MB (5 ms sampler;"
                        + " heap pools' own peaks sum %.0f MB) of %.0f MB max, %s GCs taking %s ms. Baseline: the same"
                        + " messages written by the bulk seeder (chained on 2 producer threads, no JSON parsing) in the"
                        + " bench JVM in %s.", sessions, messages, bytes / 1_000_000, CHILD_HEAP, Format.ms(wall),
                peakMb, run.number("peakPoolsSum") / 1e6, maxMb, run.require("gcCount"), run.require("gcMillis"),
                Format.ms(seedMs)));
        String measured = String.format("%s, peak heap %.0f MB of %.0f MB (%,d sessions, %,d messages)",
                Format.ms(wall), peakMb, maxMb, sessions, messages);
        return List.of(Figure.measured(ROW, measured, wall, "bulk seeding of the same messages " + Format.ms(seedMs),
                wall / seedMs, plannedRows().get(0).target(), null));
    }
}
