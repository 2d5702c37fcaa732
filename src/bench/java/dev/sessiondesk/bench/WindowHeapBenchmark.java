package dev.sessiondesk.bench;

import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * Heap with 10 windows open on 10,000-message sessions: a store of 10 such sessions, 10 window
 * bindings, and a fresh client JVM ({@link GuiProbe} heap) that restores them through the app's own
 * start-up, waits until every window is shown and scrolled to its end, forces GC and reports the
 * used heap. Baseline, same run: the same store with 1 window.
 */
final class WindowHeapBenchmark implements Benchmark {
    static final String ROW = "heap with 10 windows open on 10,000-message sessions (used after GC)";
    static final String RSS_ROW = "process RSS with 10 windows open on 10,000-message sessions";
    private static final Target TARGET = new Target("≤ 300 MB", Target.Basis.MEASURED, Target.Bound.AT_MOST, 300);
    private static final Target RSS_TARGET = new Target("≤ 1,200 MB", Target.Basis.MEASURED, Target.Bound.AT_MOST, 1200);
    static final int WINDOWS = 10;

    @Override
    public String name() {
        return "heap with 10 windows";
    }

    @Override
    public List<PlannedRow> plannedRows() {
        return List.of(new PlannedRow(ROW, TARGET), new PlannedRow(RSS_ROW, RSS_TARGET));
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        BenchConfig cfg = ctx.config();
        int length = cfg.longSession();
        Path dir = ctx.workDir("heap");
        Path data = dir.resolve("store");
        List<String> ids;
        try (Store store = Store.open(data)) {
            CorpusShape shape = new CorpusShape(WINDOWS, (long) WINDOWS * length, Collections.nCopies(WINDOWS, length));
            long t = System.nanoTime();
            CorpusSeeder.SeededCorpus corpus = new CorpusSeeder(cfg.seed() + 10).seed(store, shape, s -> { });
            ctx.log(String.format("  seeded %s in %.0f s", shape, (System.nanoTime() - t) / 1e9));
            ids = corpus.sessions().stream().map(CorpusSeeder.SeededSession::id).toList();
            WindowRestoreSetup.openWindowsOn(store, ids.subList(0, 1));
        }
        ChildJvm.Run one = ChildJvm.run(ctx, dir, "heap-1", "1g", true, GuiProbe.class, List.of("heap", data.toString()), 300);
        try (Store store = Store.open(data)) {
            WindowRestoreSetup.openWindowsOn(store, ids);
        }
        ChildJvm.Run ten = ChildJvm.run(ctx, dir, "heap-10", "1g", true, GuiProbe.class, List.of("heap", data.toString()), 300);
        if (ten.millis("windows") != WINDOWS || ten.millis("messagesShown") != (long) WINDOWS * length) {
            throw new IllegalStateException("the app showed " + ten.require("windows") + " windows with "
                    + ten.require("messagesShown") + " messages, expected " + WINDOWS + " × " + length);
        }
        double tenMb = ten.number("heapUsed") / 1e6;
        double oneMb = one.number("heapUsed") / 1e6;
        double emptyMb = ten.number("heapBeforeClient") / 1e6;
        ctx.note(String.format("Heap: %d windows restored on %d sessions of %,d messages (%,d shown), child JVM -Xmx1g,"
                        + " Monocle headless; used heap after 3× System.gc() once every window was shown and scrolled to"
                        + " its end: %.0f MB with 10 windows, %.0f MB with 1; the JVM with the JavaFX toolkit up and no client"
                        + " yet: %.0f MB, so each further window with its %,d messages costs about %.1f MB.", WINDOWS, WINDOWS,
                length, ten.millis("messagesShown"), tenMb, oneMb, emptyMb, length, (tenMb - oneMb) / (WINDOWS - 1)));
        double tenRss = ten.number("rssKb") / 1024;
        double oneRss = one.number("rssKb") / 1024;
        ctx.note(String.format("RSS (VmRSS of the child JVM, same moment): %.0f MB with 10 windows, %.0f MB with 1, so about"
                + " %.0f MB per further window (heap, WebKit's native memory, Prism's window buffers).", tenRss, oneRss,
                (tenRss - oneRss) / (WINDOWS - 1)));
        String suffix = length == 10_000 ? "" : " [sessions of " + String.format("%,d", length) + "]";
        return List.of(Figure.measured(ROW + suffix, String.format("%.0f MB", tenMb), tenMb,
                        String.format("1 window %.0f MB", oneMb), tenMb / oneMb, TARGET, null),
                Figure.measured(RSS_ROW + suffix, String.format("%.0f MB", tenRss), tenRss,
                        String.format("1 window %.0f MB", oneRss), tenRss / oneRss, RSS_TARGET, null));
    }
}
