package dev.sessiondesk.app.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.store.Store;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 7: a backup killed mid-copy left {@code *.db.partial-journal} at 0644, never cleaned.
 * The copy and its journal are 0600 from their first byte, and the next backup removes any left over.
 */
class BackupLeftoversTest {
    @TempDir
    Path data;

    /** What a backup killed mid-copy leaves: the copy and SQLite's journal of it. */
    private Path[] leftoversOfAKilledBackup() throws Exception {
        Path backups = Files.createDirectories(data.resolve(BackupCatalog.FOLDER));
        return new Path[] {Files.writeString(backups.resolve("sessions-20261101T100000Z.db.partial"), "half a copy"),
            Files.writeString(backups.resolve("sessions-20261101T100000Z.db.partial-journal"), "its journal")};
    }

    @Test
    void theNextBackupRemovesAPartialCopyAndItsJournalLeftByAKill() throws Exception {
        try (Store store = Store.open(data)) {
            Seed.sessions(store, 2, 3, 20);
        }
        Path[] left = leftoversOfAKilledBackup();
        BackupRecord made = new BackupService(data).backup("test", Progress.NONE);
        assertThat(made.file()).exists();
        assertThat(left).allSatisfy(f -> assertThat(f).doesNotExist());
    }

    @Test
    void aStartWithNoBackupDueStillRemovesWhatAKilledBackupLeft() throws Exception {
        try (Store store = Store.open(data)) {
            Seed.sessions(store, 1, 2, 20);
        }
        BackupService service = new BackupService(data);
        service.backup("earlier today", Progress.NONE);
        Path[] left = leftoversOfAKilledBackup();
        assertThat(service.backupIfDue(Progress.NONE)).as("no backup is due").isEmpty();
        assertThat(left).allSatisfy(f -> assertThat(f).doesNotExist());
    }

    @Test
    void everyFileInTheBackupFolderIs0600WhileACopyIsBeingMade() throws Exception {
        try (Store store = Store.open(data)) {
            Seed.sessions(store, 40, 200, 400);
        }
        BackupService service = new BackupService(data);
        service.backup("first", Progress.NONE); // the folder and its lock file exist from here on
        Path backups = data.resolve(BackupCatalog.FOLDER);
        Set<String> seen = new ConcurrentSkipListSet<>();
        Set<String> open = new ConcurrentSkipListSet<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(backups)) {
                    for (Path f : files) {
                        try {
                            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
                            String name = f.getFileName().toString();
                            seen.add(name);
                            if (!mode.equals("rw-------")) {
                                open.add(name + " " + mode);
                            }
                        } catch (NoSuchFileException gone) {
                            // moved or deleted between listing and looking
                        }
                    }
                } catch (java.io.IOException e) {
                    open.add("cannot list: " + e);
                }
            }
        }, "backup-folder-watcher");
        watcher.start();
        try {
            for (int i = 0; i < 3; i++) {
                service.backup("watched " + i, Progress.NONE);
            }
        } finally {
            done.set(true);
            watcher.join();
        }
        assertThat(seen).as("the watcher saw the copies being made").anyMatch(n -> n.endsWith(".partial"));
        assertThat(open).as("files seen with a wider mode than 0600").isEmpty();
    }
}
