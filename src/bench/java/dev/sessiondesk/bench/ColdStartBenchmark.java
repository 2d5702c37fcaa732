package dev.sessiondesk.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Cold start to the first window painted, on the large store with 5 windows to restore (the long
 * session and four ordinary ones): a fresh JVM runs the real client headless ({@link GuiProbe}
 * coldstart); the figure is from the parent's clock just before the process starts to the child's
 * clock when the first frame after showing the windows was painted (same machine clock). Baseline,
 * alternating in the same run: a trivial JVM on the same classpath that prints the time at main.
 * A second row runs the same child with an AppCDS archive (class data sharing: the classes the start
 * loads, parsed and verified once by a training start with {@code -XX:ArchiveClassesAtExit}), its
 * baseline the start without it, alternating.
 */
final class ColdStartBenchmark implements Benchmark {
    static final String ROW = "cold start to the first window painted, large store, 5 windows to restore (median)";
    static final String CDS_ROW = "the same cold start with an AppCDS archive of the start's classes (median)";
    private static final Target TARGET = Target.millisAtMost(1_500);

    @Override
    public String name() {
        return "cold start";
    }

    @Override
    public List<PlannedRow> plannedRows() {
        return List.of(new PlannedRow(ROW, TARGET), new PlannedRow(CDS_ROW, TARGET));
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        LargeStore large = ctx.largeStore();
        List<String> sessions = new ArrayList<>();
        sessions.add(large.longSessionId());
        for (int i = 1; sessions.size() < 5; i++) {
            sessions.add(large.corpus().session(i).id());
        }
        WindowRestoreSetup.openWindowsOn(large.store(), sessions);
        var dir = ctx.workDir("coldstart");
        int runs = ctx.config().quick() ? 3 : 5;
        Samples start = new Samples();
        Samples jvm = new Samples();
        Samples toMain = new Samples();
        Samples toToolkit = new Samples();
        Samples toShown = new Samples();
        Samples toPainted = new Samples();
        Samples cpu = new Samples();
        Samples withCds = new Samples();
        long messages = 0;
        java.nio.file.Path archive = dir.resolve("coldstart.jsa");
        java.nio.file.Files.deleteIfExists(archive);
        List<String> probeArgs = List.of("coldstart", large.dir().toString());
        String jars = ChildJvm.jarredClassPath(dir);
        ChildJvm.run(ctx, dir, "coldstart-cds-training", "1g", true, List.of("-XX:ArchiveClassesAtExit=" + archive,
                "-cp", jars), GuiProbe.class, probeArgs, 300);
        List<String> cds = List.of("-XX:SharedArchiveFile=" + archive, "-cp", jars);
        List<String> noCds = List.of("-cp", jars); // the same jars, so only the archive differs
        for (int i = 0; i < runs; i++) {
            ChildJvm.Run base = ChildJvm.run(ctx, dir, "jvm", "64m", false, JvmStartProbe.class, List.of(), 60);
            jvm.add((base.millis("main") - base.startedEpochMillis()) * 1_000_000L);
            ChildJvm.Run run = ChildJvm.run(ctx, dir, "coldstart", "1g", true, noCds, GuiProbe.class, probeArgs, 300);
            ChildJvm.Run shared = ChildJvm.run(ctx, dir, "coldstart-cds", "1g", true, cds, GuiProbe.class, probeArgs, 300);
            withCds.add((shared.millis("painted") - shared.startedEpochMillis()) * 1_000_000L);
            if (run.millis("windows") != 5) {
                throw new IllegalStateException("the app restored " + run.require("windows") + " windows, not 5");
            }
            long t0 = run.startedEpochMillis();
            start.add((run.millis("painted") - t0) * 1_000_000L);
            toMain.add((run.millis("main") - t0) * 1_000_000L);
            toToolkit.add((run.millis("fxStarted") - run.millis("main")) * 1_000_000L);
            toShown.add((run.millis("shown") - run.millis("fxStarted")) * 1_000_000L);
            toPainted.add((run.millis("painted") - run.millis("shown")) * 1_000_000L);
            cpu.add(run.millis("cpuMillisAtPaint") * 1_000_000L);
            messages = run.millis("messagesShown");
        }
        BenchConfig cfg = ctx.config();
        ctx.note(String.format("Cold start: %d runs on the large store (%,d sessions / %,d messages), 5 windows restored"
                        + " (%,d messages shown, the %,d-message session among them), JVM -Xmx1g, Monocle headless, software"
                        + " rendering; warm OS file cache. Median breakdown: process start → main %s, main → JavaFX toolkit"
                        + " up %s, → windows shown (store open, restore checks, messages read, windows built) %s, → first"
                        + " frame painted %s. CPU time the child had used by the paint (all its threads, JIT compilers and GC"
                        + " included): median %s; compare it with the wall time to see how much was waiting for a core. Baseline: a JVM that"
                        + " prints at main, median %s.", runs, cfg.storeSessions(),
                cfg.storeMessages(), messages, cfg.longSession(), Format.ms(toMain.medianMillis()),
                Format.ms(toToolkit.medianMillis()), Format.ms(toShown.medianMillis()),
                Format.ms(toPainted.medianMillis()), Format.ms(cpu.medianMillis()), Format.ms(jvm.medianMillis())));
        String name = String.format("%s [store %,d sessions / %,d messages]", ROW, cfg.storeSessions(), cfg.storeMessages());
        ctx.note(String.format("Cold start with AppCDS: the archive (%,d KB) written by one training start of the same"
                        + " child with -XX:ArchiveClassesAtExit, then -XX:SharedArchiveFile on every start of the row,"
                        + " alternating with the start without it; median of %d.",
                java.nio.file.Files.size(archive) / 1000, runs));
        String cdsName = String.format("%s [store %,d sessions / %,d messages]", CDS_ROW, cfg.storeSessions(),
                cfg.storeMessages());
        return List.of(Figure.measured(name, Format.ms(start.medianMillis()), start.medianMillis(),
                "JVM start to main " + Format.ms(jvm.medianMillis()), start.medianMillis() / jvm.medianMillis(), TARGET,
                null), Figure.measured(cdsName, Format.ms(withCds.medianMillis()), withCds.medianMillis(),
                "without the archive " + Format.ms(start.medianMillis()), withCds.medianMillis() / start.medianMillis(),
                TARGET, null));
    }
}
