package dev.sessiondesk.bench;

import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.util.List;

/**
 * Longest FX-thread stall while 3 windows stream: a fresh client JVM ({@link GuiProbe} stall)
 * restores 3 windows, measures the FX thread idle, then while each window's session receives one
 * offline-assistant reply after another through {@code ReplyService} (the windows re-read their
 * session on the client's change announcements, as with the assistant wiring). Baseline: the same
 * windows idle, same JVM, just before.
 */
final class StreamingStallBenchmark implements Benchmark {
    static final String ROW = "longest FX-thread stall while 3 windows stream";
    private static final Target TARGET = Target.millisAtMost(50);
    private static final int TOKEN_MILLIS = 5;

    @Override
    public String name() {
        return "FX stall while streaming";
    }

    @Override
    public List<PlannedRow> plannedRows() {
        return List.of(new PlannedRow(ROW, TARGET));
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        BenchConfig cfg = ctx.config();
        int seconds = cfg.quick() ? 5 : 15;
        int length = 500;
        Path dir = ctx.workDir("stall");
        Path data = dir.resolve("store");
        try (Store store = Store.open(data)) {
            CorpusSeeder.SeededCorpus corpus = new CorpusSeeder(cfg.seed() + 3)
                    .seed(store, new CorpusShape(3, 3L * length, List.of(length, length, length)), s -> { });
            WindowRestoreSetup.openWindowsOn(store, corpus.sessions().stream().map(CorpusSeeder.SeededSession::id).toList());
        }
        ChildJvm.Run run;
        try (CpuHog hog = CpuHog.requested() ? CpuHog.start() : null) { // -Dbench.hog=true: the other core busy
            run = ChildJvm.run(ctx, dir, "stall", "1g", true, GuiProbe.class,
                    List.of("stall", data.toString(), Integer.toString(seconds), Integer.toString(TOKEN_MILLIS)), 300);
        }
        if (CpuHog.requested()) {
            ctx.note("FX stall: a CPU hog (a shell busy loop, one core) ran the whole time (-Dbench.hog=true).");
        }
        boolean stuck = run.reports().containsKey("fxThreadStuckAfterStreaming");
        if (run.millis("windows") != 3 || run.millis("repliesFinished") < 3
                || (!stuck && run.millis("messagesAddedInWindows") < 6)) {
            throw new IllegalStateException("the streaming did not reach the windows: " + run.reports());
        }
        double worst = run.number("streamMaxMs");
        long stored = run.millis("storedMessagesOfTheseSessions");
        double idle = run.number("idleMaxMs");
        ctx.note(String.format("FX stall: 3 windows on sessions of %d messages; a timer posts a `Platform.runLater` every"
                        + " %d ms and records its wait, %d s idle then %d s while the offline assistant (%d ms per word) streams"
                        + " reply after reply into all three sessions through `ReplyService` (%s replies finished, %s words;"
                        + " each session announced to the windows at most every 50 ms and at the end). Streaming: worst %.1f ms"
                        + " (a stall still going on at the end: %.0f ms), p99 %.1f ms, largest gap between probes %.1f ms. Idle:"
                        + " worst %.1f ms, p99 %.1f ms, largest gap %.1f ms. Used heap after streaming %.0f MB of 1 GB.",
                length, StallDetector.PERIOD_MILLIS, seconds, seconds, TOKEN_MILLIS, run.require("repliesFinished"),
                run.require("deltas"), worst, run.number("streamOngoingStallMs"), run.number("streamP99Ms"),
                run.number("streamGapMaxMs"), idle, run.number("idleP99Ms"), run.number("idleGapMaxMs"),
                run.number("heapUsedAfterStreaming") / 1e6));
        double words = Math.max(1, run.number("deltas"));
        ctx.note(String.format("FX stall, CPU time (independent of the machine's other load): while streaming the FX thread"
                        + " used %.0f ms and the render thread %.0f ms, i.e. %.2f ms and %.2f ms per streamed word, for %s"
                        + " transcript page updates (%.1f words per update; %.1f ms FX and %.1f ms render per update: a window"
                        + " that falls behind updates less often, so compare these too); idle, the same %d s: FX %.0f ms,"
                        + " render %.0f ms.",
                run.number("streamFxCpuMs"), run.number("streamRendererCpuMs"), run.number("streamFxCpuMs") / words,
                run.number("streamRendererCpuMs") / words, run.require("streamPageUpdates"),
                words / Math.max(1, run.number("streamPageUpdates")),
                run.number("streamFxCpuMs") / Math.max(1, run.number("streamPageUpdates")),
                run.number("streamRendererCpuMs") / Math.max(1, run.number("streamPageUpdates")), seconds,
                run.number("idleFxCpuMs"), run.number("idleRendererCpuMs")));
        ctx.note("FX stall, chrome: backgrounds Prism draws from its region cache (more than one fill), largest first: "
                + run.reports().getOrDefault("cachedBackgrounds", "not reported") + ".");
        ctx.note(stuck
                ? String.format("FX stall, afterwards: the FX thread did not run anything for a further 20 s after the"
                        + " streaming stopped (the store held %,d messages in those sessions); the child was stopped.", stored)
                : String.format("FX stall, afterwards: the 3 windows held %,d messages; the store had %,d finished ones in"
                        + " those sessions.", run.millis("messagesShownAfter"), stored));
        return List.of(Figure.measured(ROW, Format.ms(worst), worst, "idle " + Format.ms(idle),
                idle > 0 ? worst / idle : null, TARGET, null));
    }
}
