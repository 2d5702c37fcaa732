package dev.sessiondesk.bench;

import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

/**
 * A verified backup of the large store against a plain file copy of it. The app's own backup belongs to
 * another part of the project and is not in this build, so this measures a stand-in doing what a
 * verified backup must: a consistent snapshot ({@code VACUUM INTO}), forced to disk, then opened
 * read-only and checked ({@code quick_check} plus every hash chain, see {@link CopyVerifier}). The
 * plain copy is forced to disk too.
 */
final class BackupStandInBenchmark implements Benchmark {
    private static final String ROW = "verified backup (stand-in: `VACUUM INTO` + read-only quick_check + chain verify"
            + " of the copy) vs plain file copy";
    private static final Target TARGET = Target.ratioAtMost(3, "the copy");

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
        Samples snapshot = new Samples();
        Samples check = new Samples();
        for (int i = 0; i < cfg.backupRepeats(); i++) {
            Path copyFile = dir.resolve("copy-" + i + ".db");
            long t = System.nanoTime();
            Files.copy(source, copyFile);
            force(copyFile);
            copy.add(System.nanoTime() - t);
            Files.delete(copyFile);

            Path backupDir = Files.createDirectories(dir.resolve("backup-" + i));
            Path backupFile = backupDir.resolve(Store.FILE_NAME);
            t = System.nanoTime();
            try (Connection c = RawSqlite.reader(source, true);
                 PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
                ps.setString(1, backupFile.toString());
                ps.execute();
            }
            force(backupFile);
            long snapshotDone = System.nanoTime();
            List<String> problems = CopyVerifier.verify(backupFile);
            long end = System.nanoTime();
            backup.add(end - t);
            snapshot.add(snapshotDone - t);
            check.add(end - snapshotDone);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the backup copy does not verify: " + problems.subList(0,
                        Math.min(3, problems.size())));
            }
            Cleanup.deleteTree(backupDir);
        }
        ctx.note(String.format("Backup stand-in: %s, median of %d; of the backup, snapshot (VACUUM INTO + fsync) %s and"
                        + " read-only check (quick_check + chains) %s.", Format.number(Files.size(source) / 1e6) + " MB",
                cfg.backupRepeats(), Format.ms(snapshot.medianMillis()), Format.ms(check.medianMillis())));
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
