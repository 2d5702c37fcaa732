package dev.sessiondesk.app.backup;

import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.store.PrivateFiles;
import dev.sessiondesk.store.ReferenceChecks;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreClaim;
import dev.sessiondesk.store.StoreReport;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a backup back in place of the store. The caller closes its store first (the running app closes
 * its {@code SessionDesk}, restores, and reopens its windows). The order keeps a crash harmless at
 * every step: the backup is re-verified, a safety copy of the current store is made, the backup is
 * copied beside the store as a hidden temporary file and forced to disk, the current store's
 * write-ahead log is folded in and removed, and one atomic rename swaps the files. Killed before the
 * rename, the old store is intact (the next start deletes the temporary file); after it, the restored
 * one is.
 */
public final class RestoreService {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreService.class);
    static final String INCOMING = "." + Store.FILE_NAME + ".restoring";

    /** What a restore did: the backup it used, where the previous store was saved, and the restored store's check. */
    public record Result(Path restoredFrom, Path safetyCopy, boolean safetyCopyVerified, int sessions, int messages) {
    }

    private final Path dataDir;
    private final BackupService backups;

    public RestoreService(Path dataDir, BackupService backups) {
        this.dataDir = dataDir.toAbsolutePath();
        this.backups = backups;
    }

    /** Deletes a temporary file an interrupted restore left; the store itself is always whole. */
    public static void recoverInterrupted(Path dataDir) {
        Path incoming = dataDir.toAbsolutePath().resolve(INCOMING);
        try {
            if (Files.deleteIfExists(incoming)) {
                LOG.warn("a restore was interrupted before it swapped the store; the store was left as it was,"
                        + " and {} was removed", incoming);
            }
        } catch (IOException e) {
            LOG.warn("cannot remove {} left by an interrupted restore: {}", incoming, e.toString());
        }
    }

    public Result restore(Path backupFile, Progress progress) throws IOException {
        // Held to the end: no writer may open the store while it is swapped, and none may be open now.
        try (StoreClaim claim = StoreClaim.exclusive(dataDir, "restore " + backupFile.getFileName())) {
            return restoreClaimed(backupFile, progress);
        }
    }

    private Result restoreClaimed(Path backupFile, Progress progress) throws IOException {
        Path backup = backupFile.toAbsolutePath().normalize();
        Path db = dataDir.resolve(Store.FILE_NAME);
        if (Files.exists(db) && Files.isSameFile(backup, db)) {
            throw new BackupFailedException("will not restore " + backup + " onto itself: it is the store", (Path) null);
        }
        progress.update(0, UserText.of("progress", "restore.verifying", String.valueOf(backup.getFileName())));
        var problems = backups.verifyFile(backup, progress.part(0, 0.3));
        if (!problems.isEmpty()) {
            throw new BackupFailedException("will not restore " + backup + ": it failed verification ("
                    + String.join("; ", problems) + "); the store was not changed", (Path) null);
        }
        // Copied before the safety backup, whose rotation could otherwise delete the very file we restore.
        progress.update(0.3, UserText.of("progress", "restore.copying"));
        Path incoming = dataDir.resolve(INCOMING);
        Files.deleteIfExists(incoming);
        Files.copy(backup, incoming);
        PrivateFiles.restrict(incoming);
        force(incoming);
        Path safety = null;
        boolean safetyVerified = false;
        if (Files.isRegularFile(db)) {
            progress.update(0.3, UserText.of("progress", "restore.safety"));
            try {
                BackupService.SafetyCopy copy = backups.safetyCopy("before restoring " + backup.getFileName(),
                        progress.part(0.3, 0.6));
                safety = copy.file();
                safetyVerified = copy.verified();
            } catch (BackupFailedException e) {
                throw new BackupFailedException("will not restore: the safety copy of the current store could not"
                        + " be made (" + e.getMessage() + "); the store was not changed", e);
            }
        }
        progress.update(0.6, UserText.of("progress", "restore.wal"));
        foldInWriteAheadLog(db);
        progress.update(0.8, UserText.of("progress", "restore.swapping"));
        Files.move(incoming, db, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dataDir);
        LOG.info("restored {} from {} (previous store saved at {})", db, backup, safety);
        progress.update(0.85, UserText.of("progress", "restore.checking"));
        try (Store restored = Store.open(dataDir, Store.Options.defaults().withScanThreads(backups.threads()))) {
            StoreReport report = restored.verifier().verifyAll(false);
            if (!report.ok() && searchIndexAloneIsWrong(restored, report)) {
                // The backup's check left out FTS5's check of the index's content (derived data): the
                // whole quick_check runs here, and an index it finds wrong is built again from the messages.
                LOG.warn("the restored store's search index failed SQLite's check ({}); rebuilding it from the messages",
                        report.sqliteCheck());
                restored.rebuildSearchIndex();
                report = restored.verifier().verifyAll(false);
            }
            if (!report.ok()) {
                throw new BackupFailedException("the restored store does not verify: " + report.problems()
                        + "; the previous store is at " + safety, safety);
            }
            progress.update(1, UserText.of("progress", "restore.restored", report.chains().size()));
            return new Result(backup, safety, safetyVerified, report.chains().size(), report.messagesChecked());
        }
    }

    /**
     * Whether {@code quick_check} failed only in FTS5's check of the index's content: every chain
     * verifies and the page check of every b-tree (quick_check without that one part) passes.
     */
    private static boolean searchIndexAloneIsWrong(Store restored, StoreReport report) {
        return !"ok".equals(report.sqliteCheck()) && report.problems().isEmpty()
                && "ok".equals(new ReferenceChecks(restored).pageCheck());
    }

    /**
     * The old store's log must not outlive it: SQLite would replay a stale {@code -wal} onto the
     * restored file. Checkpointing it into the old file first means nothing in it is lost even if we
     * stop right here; the checkpoint fails (and the restore stops) if another program still reads it.
     */
    private static void foldInWriteAheadLog(Path db) throws IOException {
        Path wal = db.resolveSibling(Store.FILE_NAME + "-wal");
        Path shm = db.resolveSibling(Store.FILE_NAME + "-shm");
        if (Files.exists(wal) && Files.size(wal) > 0) {
            try (Store old = Store.open(db.getParent())) {
                old.checkpoint();
            }
        }
        Files.deleteIfExists(wal);
        Files.deleteIfExists(shm);
    }

    private static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Makes the rename itself durable; some platforms cannot open a folder, which only weakens that. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            LOG.debug("cannot force the folder {} to disk: {}", dir, e.toString());
        }
    }
}
