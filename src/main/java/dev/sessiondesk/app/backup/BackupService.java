package dev.sessiondesk.app.backup;

import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.store.AppVersion;
import dev.sessiondesk.store.PrivateFiles;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verified online backups of the store (promise P7). A backup is a {@code VACUUM INTO} copy made on a
 * read connection (WAL: appends keep committing while it copies), written as a {@code .partial} file,
 * verified ({@link BackupVerifier}), and only then renamed to {@code sessions-<UTC time>.db} with its
 * sidecar record. A copy that fails verification is renamed {@code .failed} and never counted. One
 * backup at a time per data folder (a file lock), so two processes never rotate each other's work.
 */
public final class BackupService {
    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    static final String PARTIAL = ".partial";
    static final String FAILED = ".failed";
    /** The automatic backup at start runs at most this often. */
    public static final Duration AUTOMATIC_INTERVAL = Duration.ofHours(24);
    private static final Duration KEEP_FAILED = Duration.ofDays(7);

    private final Path dataDir;
    private final BackupCatalog catalog;
    private final RotationPolicy rotation;
    private final Clock clock;
    private final ThreadFactory threads;

    /**
     * @param threads where a verification takes the threads it checks pages and hashes chains on beside
     *                the calling one (the caller's {@code Workers}); null: all on the calling thread
     */
    public BackupService(Path dataDir, RotationPolicy rotation, Clock clock, ThreadFactory threads) {
        this.dataDir = dataDir.toAbsolutePath();
        this.catalog = new BackupCatalog(this.dataDir);
        this.rotation = rotation;
        this.clock = clock;
        this.threads = threads;
    }

    public BackupService(Path dataDir, RotationPolicy rotation, Clock clock) {
        this(dataDir, rotation, clock, null);
    }

    public BackupService(Path dataDir, ThreadFactory threads) {
        this(dataDir, RotationPolicy.DEFAULT, Clock.systemUTC(), threads);
    }

    public BackupService(Path dataDir) {
        this(dataDir, null);
    }

    /** The threads verifications run on beside the calling one (null: none). */
    ThreadFactory threads() {
        return threads;
    }

    public BackupCatalog catalog() {
        return catalog;
    }

    /** A verified backup of the data folder's store, then rotation. */
    public BackupRecord backup(String reason, Progress progress) throws BackupFailedException {
        return backupOf(dataDir.resolve(Store.FILE_NAME), reason, progress);
    }

    /** A copy of the store taken before a restore changes it; {@code verified} is false for a damaged store's copy. */
    public record SafetyCopy(Path file, boolean verified) {
    }

    /**
     * The backup a restore takes first. The store one restores is often damaged (that is why one
     * restores): its copy then fails verification but is still the state before, so it is kept
     * (beside the backups, never rotated) and returned as not verified. Throws only when no copy exists.
     */
    public SafetyCopy safetyCopy(String reason, Progress progress) throws BackupFailedException {
        try {
            return new SafetyCopy(backup(reason, progress).file(), true);
        } catch (BackupFailedException e) {
            if (e.keptAt() == null) {
                throw e;
            }
            LOG.warn("the current store did not verify; its copy is kept at {}: {}", e.keptAt(), e.getMessage());
            return new SafetyCopy(e.keptAt(), false);
        }
    }

    /**
     * The automatic backup at start: made only when the newest verified backup is older than a day
     * (or there is none). Empty when none was due.
     */
    public Optional<BackupRecord> backupIfDue(Progress progress) throws BackupFailedException {
        Optional<BackupRecord> latest = catalog.latest();
        if (latest.isPresent() && latest.get().createdAt().isAfter(clock.instant().minus(AUTOMATIC_INTERVAL))) {
            removeInterruptedCopies(); // a start without a backup still clears what a killed one left
            return Optional.empty();
        }
        return Optional.of(backup("daily", progress));
    }

    /** Removes copies a killed backup left, unless a backup (here or in another process) holds the folder now. */
    private synchronized void removeInterruptedCopies() {
        Path dir = catalog.dir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = lockFile.tryLock()) {
            if (lock != null) {
                PrivateFiles.restrict(dir.resolve(".lock"));
                removeLeftovers(dir);
            }
        } catch (IOException | OverlappingFileLockException e) {
            LOG.info("left the backup folder {} as it is for now: {}", dir, e.getMessage());
        }
    }

    /** The hook {@link Store.Options#withMigrationHook} runs before a migration touches an existing store. */
    public Store.MigrationHook beforeMigration() {
        return (db, from, to) -> backupOf(db, "before migrating from schema " + from + " to " + to, Progress.NONE);
    }

    /** Re-verifies an existing backup file on its own (before a restore); the list is empty when it is good. */
    public List<String> verifyFile(Path backupFile, Progress progress) {
        List<String> problems = new ArrayList<>();
        BackupVerifier.verify(backupFile, progress, problems, threads);
        return problems;
    }

    /** Synchronized: the automatic backup and "Back Up Now" share this instance and take turns. */
    synchronized BackupRecord backupOf(Path liveDb, String reason, Progress progress) throws BackupFailedException {
        if (!Files.isRegularFile(liveDb)) {
            throw new BackupFailedException("there is no store to back up at " + liveDb, (Path) null);
        }
        Path dir;
        try {
            dir = PrivateFiles.ensureDirectory(catalog.dir());
        } catch (IOException e) {
            throw new BackupFailedException("cannot create the backup folder " + catalog.dir() + ": " + e.getMessage(), e);
        }
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            LOG.debug("holding {} for one backup at a time", lock);
            PrivateFiles.restrict(dir.resolve(".lock"));
            removeLeftovers(dir);
            BackupRecord made = copyAndVerify(liveDb, dir, reason, progress);
            rotate();
            progress.update(1, UserText.of("progress", "backup.verified", made.fileName()));
            return made;
        } catch (OverlappingFileLockException e) {
            throw new BackupFailedException("another backup of " + dataDir + " is running in this process", e);
        } catch (BackupFailedException e) {
            throw e;
        } catch (IOException e) {
            throw new BackupFailedException("cannot back up " + liveDb + ": " + e.getMessage(), e);
        }
    }

    private BackupRecord copyAndVerify(Path liveDb, Path dir, String reason, Progress progress) throws IOException {
        Instant now = clock.instant();
        Path target = freeName(dir, now);
        Path partial = target.resolveSibling(target.getFileName() + PARTIAL);
        List<String> problems = new ArrayList<>();
        BackupVerifier.Verified verified;
        try (Store live = Store.openReadOnly(liveDb)) {
            progress.update(0.02, UserText.of("progress", "backup.figures"));
            StoreFigures before = StoreFigures.of(live);
            progress.update(0.05, UserText.of("progress", "backup.copying", before.sessions().size(), before.messageCount()));
            // Created empty and 0600 first: SQLite gives the copy's rollback journal the copy's mode, so a
            // backup killed mid-copy no longer leaves a 0644 "-journal" beside it (issue 18 item 7).
            PrivateFiles.ensureFile(partial);
            live.vacuumInto(partial);
            PrivateFiles.restrict(partial);
            force(partial);
            progress.update(0.4, UserText.of("progress", "backup.copied", Files.size(partial) / 1024));
            verified = BackupVerifier.verify(partial, progress.part(0.4, 0.9), problems, threads);
            if (problems.isEmpty()) {
                progress.update(0.9, UserText.of("progress", "backup.comparing"));
                BackupVerifier.compareWithLive(verified.sessions(), before, live, problems);
            }
        } catch (StoreException e) {
            Files.deleteIfExists(partial);
            throw new BackupFailedException("cannot back up " + liveDb + ": " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            Path failed = target.resolveSibling(target.getFileName() + FAILED);
            Files.move(partial, failed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.error("backup {} failed verification and was set aside as {}: {}", target, failed, problems);
            throw new BackupFailedException("the backup failed verification (" + String.join("; ", problems)
                    + "); it was set aside as " + failed + " and does not count", failed);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        BackupRecord record = new BackupRecord(target, now, Files.size(target), verified.schemaVersion(),
                AppVersion.current(), reason, verified.sessions(), clock.instant());
        catalog.write(record);
        LOG.info("verified backup {} ({} sessions, {} messages, {} bytes, reason: {})", target,
                record.sessionCount(), record.messageCount(), record.sizeBytes(), reason);
        return record;
    }

    private static Path freeName(Path dir, Instant now) {
        String stamp = STAMP.format(now);
        Path p = dir.resolve("sessions-" + stamp + ".db");
        for (int n = 2; Files.exists(p) || Files.exists(p.resolveSibling(p.getFileName() + FAILED)); n++) {
            p = dir.resolve("sessions-" + stamp + "-" + n + ".db");
        }
        return p;
    }

    /** Deletes what the rotation policy no longer keeps, and failed copies older than a week. */
    private void rotate() throws IOException {
        for (BackupRecord old : rotation.toDelete(catalog.list(), clock.instant())) {
            LOG.info("rotating out backup {} from {}", old.file(), old.createdAt());
            catalog.delete(old);
        }
        try (DirectoryStream<Path> failed = Files.newDirectoryStream(catalog.dir(), "*" + FAILED)) {
            for (Path f : failed) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(clock.instant().minus(KEEP_FAILED))) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * A {@code .partial} copy and its SQLite journal exist only while a backup runs; we hold the lock, so
     * any left are from a crash.
     */
    private static void removeLeftovers(Path dir) throws IOException {
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(dir, "*" + PARTIAL + "{,-journal,-wal,-shm}")) {
            for (Path p : partials) {
                LOG.info("removing {} left by an interrupted backup", p);
                Files.deleteIfExists(p);
            }
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }
}
