package dev.sessiondesk.bench;

import dev.sessiondesk.app.backup.BackupRecord;
import dev.sessiondesk.app.backup.BackupService;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A verified backup of the large store (the app's own {@link BackupService}: a consistent snapshot,
 * forced to disk, opened read-only and checked: every page ({@code quick_check} of each table), every
 * hash chain, the comparison with the live store) against a plain file copy of it, forced to disk too.
 */
final class BackupStandInBenchmark implements Benchmark {
    private static final String ROW = "verified backup (`BackupService`: `VACUUM INTO` + fsync + quick_check + every chain"
            + " of the copy) vs plain file copy";
    private static final Target TARGET = Target.ratioAtMost(2, "the copy");

    @Override
    public String name() {
        return "verified backup stand-in vs file copy";
    }

    @Override
    public List<PlannedRow> plannedRows() {
        return List.of(new PlannedRow(ROW, TARGET));
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        BenchConfig cfg = ctx.config();
        LargeStore large = ctx.largeStore();
        Store store = large.store();
        store.checkpoint(); // a plain copy of sessions.db is complete only after the WAL is folded in
        Path source = store.dbFile();
        Path dir = ctx.workDir("backup");
        Samples copy = new Samples();
        Samples backup = new Samples();
        String stepTimes = "";
        for (int i = 0; i < cfg.backupRepeats(); i++) {
            Path copyFile = dir.resolve("copy-" + i + ".db");
            long t = System.nanoTime();
            Files.copy(source, copyFile);
            force(copyFile);
            copy.add(System.nanoTime() - t);
            Files.delete(copyFile);

            Path dataDir = store.dataDir();
            BackupService service = new BackupService(dataDir);
            t = System.nanoTime();
            long start = t;
            StringBuilder steps = new StringBuilder();
            long[] last = {start};
            String[] lastStep = {"start"};
            BackupRecord made = service.backup("bench", (fraction, message) -> {
                long now = System.nanoTime();
                if ((now - last[0]) / 1e6 >= 20) { // where the time went: steps of 20 ms or more
                    steps.append(steps.length() == 0 ? "" : ", ").append(lastStep[0]).append(' ')
                            .append(Format.ms((now - last[0]) / 1e6));
                }
                last[0] = now;
                lastStep[0] = message;
            });
            stepTimes = steps.toString();
            backup.add(System.nanoTime() - t);
            if (made.sessionCount() == 0) {
                throw new IllegalStateException("the backup holds no sessions");
            }
        }
        ctx.note(String.format("Verified backup: the app's own BackupService (VACUUM INTO, fsync, a read-only page check"
                        + " of every table (quick_check(t); FTS5's content check is left to a restore),"
                        + " every chain in one parallel scan, comparison with the live store) of a %s MB store, median of %d,"
                        + " alternating with a plain file copy + fsync. Steps of the last backup that took ≥ 20 ms (named by"
                        + " the step that began them): %s.", Format.number(Files.size(source) / 1e6), cfg.backupRepeats(),
                stepTimes));
        return List.of(Figure.measured(ROW, Format.ms(backup.medianMillis()), backup.medianMillis(),
                "file copy + fsync " + Format.ms(copy.medianMillis()), backup.medianMillis() / copy.medianMillis(),
                TARGET, null));
    }

    private static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }
}
