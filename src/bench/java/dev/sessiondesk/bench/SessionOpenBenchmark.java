package dev.sessiondesk.bench;

import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.util.List;

/**
 * Opening a long session in a window: a fresh client JVM ({@link GuiProbe} open) restores one window
 * on a short session, then opens the long one in it and measures until the transcript shows its last
 * message (the first screen: the store read plus the newest page rendered); then the transcript is
 * scrolled to the top frame after frame until message 1 is paged in, while the FX thread's waits are
 * recorded. Baseline: the same FX thread idle before, in the streaming benchmark's terms.
 */
final class SessionOpenBenchmark implements Benchmark {
    static final String FIRST_SCREEN = "open a 10,000-message session: first screen";
    static final String SCROLL = "scroll that session to its top: worst FX wait";
    private static final Target FIRST_TARGET = Target.millisAtMost(150);
    private static final Target SCROLL_TARGET = Target.millisAtMost(50);

    @Override
    public String name() {
        return "open a long session";
    }

    @Override
    public List<PlannedRow> plannedRows() {
        return List.of(new PlannedRow(FIRST_SCREEN, FIRST_TARGET), new PlannedRow(SCROLL, SCROLL_TARGET));
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        BenchConfig cfg = ctx.config();
        int length = cfg.longSession();
        int seconds = cfg.quick() ? 20 : 40;
        Path dir = ctx.workDir("open");
        Path data = dir.resolve("store");
        String big;
        try (Store store = Store.open(data)) {
            CorpusSeeder.SeededCorpus corpus = new CorpusSeeder(cfg.seed() + 21)
                    .seed(store, new CorpusShape(2, length + 10L, List.of(length, 10)), s -> { });
            List<CorpusSeeder.SeededSession> byLength = corpus.sessions().stream()
                    .sorted(java.util.Comparator.comparingInt(CorpusSeeder.SeededSession::messageCount).reversed()).toList();
            big = byLength.get(0).id();
            length = byLength.get(0).messageCount();
            WindowRestoreSetup.openWindowsOn(store, List.of(byLength.get(1).id()));
        }
        ChildJvm.Run run;
        try (CpuHog hog = CpuHog.requested() ? CpuHog.start() : null) { // -Dbench.hog=true: the other core busy
            run = ChildJvm.run(ctx, dir, "open", "1g", true, GuiProbe.class,
                    List.of("open", data.toString(), big, Integer.toString(length), Integer.toString(seconds)), 300);
        }
        if (CpuHog.requested()) {
            ctx.note("Open: a CPU hog (a shell busy loop, one core) ran the whole time (-Dbench.hog=true).");
        }
        double first = run.number("firstScreenMs");
        double worst = run.number("scrollMaxMs");
        boolean top = "true".equals(run.require("reachedTop"));
        ctx.note(String.format("Open: one window on a 10-message session opens a session of %,d messages; its transcript"
                        + " showed the last one after %.0f ms with %s articles rendered. Then scrolled to the top once per"
                        + " 16 ms: %s after %.0f ms, %s articles rendered; FX thread's waits meanwhile (a probe every %d ms):"
                        + " worst %.1f ms, p99 %.1f ms.", length, first, run.require("renderedAtFirstScreen"),
                top ? "message 1 reached" : "message 1 NOT reached", run.number("scrollToTopMs"),
                run.require("renderedAtTop"), StallDetector.PERIOD_MILLIS, worst, run.number("scrollP99Ms")));
        ctx.note(String.format("Open, what the first screen waited for: the window's message list held the session's"
                        + " (newest) messages after %.0f ms (the store read, then the list set on the FX thread), the page"
                        + " showed its end %.0f ms later; a read of all %s messages afterwards, caches warm: %.0f ms.",
                run.number("listFilledMs"), first - run.number("listFilledMs"), run.require("storeReadAgainMessages"),
                run.number("storeReadAgainMs")));
        ctx.note(String.format("Open, while scrolling up: %s older pages came in; the page's own script for one (sanitize,"
                        + " insert, the layout that keeps the view in place) took %.1f ms on average, %.1f ms at most; FX"
                        + " waits longer than that are the WebView's repaints (render thread) and other FX work.",
                run.require("pageIns"), run.number("pageInMeanMs"), run.number("pageInMaxMs")));
        String suffix = length == 10_000 ? "" : " [sessions of " + String.format("%,d", length) + "]";
        return List.of(
                Figure.measured(FIRST_SCREEN + suffix, Format.ms(first), first, run.require("renderedAtFirstScreen")
                        + " articles rendered", null, FIRST_TARGET, null),
                Figure.measured(SCROLL + suffix, Format.ms(worst), worst, "p99 " + Format.ms(run.number("scrollP99Ms"))
                        + (top ? "" : ", top not reached"), null, SCROLL_TARGET, null));
    }
}
