package dev.sessiondesk.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.backup.BackupFailedException;
import dev.sessiondesk.app.backup.BackupRecord;
import dev.sessiondesk.app.backup.BackupService;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportProgress;
import dev.sessiondesk.app.importer.ImportReport;
import dev.sessiondesk.app.importer.ImportService;
import dev.sessiondesk.app.importer.agent.AgentProjectSync;
import dev.sessiondesk.app.importer.formats.FormatReaders;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.SessionQuery;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk full during an import and during a backup (issue 7): a clear error, nothing earlier damaged,
 * no half-imported session and no half backup counted, and the same work succeeds once space returns.
 */
class DiskFullImportAndBackupTest {
    private static final int SESSIONS = 30;
    private static final int MESSAGES_EACH = 12;

    @TempDir
    Path tmp;

    private Path gooseFolder(Random r) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("goose-sessions"));
        for (int s = 0; s < SESSIONS; s++) {
            StringBuilder file = new StringBuilder("{\"description\":\"imported " + s + "\",\"working_dir\":\"/tmp\"}\n");
            for (int m = 0; m < MESSAGES_EACH; m++) {
                file.append("{\"role\":\"").append(m % 2 == 0 ? "user" : "assistant").append("\",\"created\":")
                        .append(1704110400 + m).append(",\"content\":[{\"type\":\"text\",\"text\":\"session ").append(s)
                        .append(" message ").append(m).append(' ').append(TortureFiles.bigText(r, 3_000)).append("\"}]}\n");
            }
            Files.writeString(folder.resolve(String.format("20240101_%06d.jsonl", s)), file.toString());
        }
        return folder;
    }

    private static void capAt(Store store, int extraPages) {
        store.writer().direct("cap the store size", c -> {
            try (Statement s = c.createStatement()) {
                int pages;
                try (ResultSet rs = s.executeQuery("PRAGMA page_count")) {
                    pages = rs.getInt(1);
                }
                try (ResultSet rs = s.executeQuery("PRAGMA max_page_count = " + (pages + extraPages))) {
                    return rs.getInt(1);
                }
            }
        });
    }

    @Test
    void anImportIntoAFullStoreImportsWholeSessionsOnlyAndFinishesOnceSpaceReturns() throws Exception {
        Path folder = gooseFolder(new Random(11));
        try (Store store = Store.open(tmp.resolve("data"))) {
            TortureFiles.Seeded seeded = TortureFiles.seed(store, 4, 12);
            ImportService importer = new ImportService(store, new FormatReaders(new AgentProjectSync(store)));
            capAt(store, 40); // room for a few sessions, not for all of them

            String failure;
            try {
                ImportReport first = importer.importPath(folder, ImportOptions.defaults(), ImportProgress.NONE);
                assertThat(first.skippedSessions()).as("the store filled up").isPositive();
                failure = String.join("\n", first.summaryLines());
            } catch (StoreException e) {
                assertThat(e.kind()).isEqualTo(StoreException.Kind.FULL);
                failure = e.getMessage();
            }
            assertThat(failure).containsIgnoringCase("full");

            // Nothing earlier damaged; every imported session is whole.
            seeded.assertIntact(store);
            assertWholeSessionsOnly(store);
            assertThat(store.verifier().verifyAll(false).ok()).isTrue();

            capAt(store, 1_000_000);
            ImportReport second = importer.importPath(folder, ImportOptions.defaults(), ImportProgress.NONE);
            assertThat(second.skippedSessions()).isZero();
            assertThat(second.imported() + second.alreadyPresent()).isEqualTo(SESSIONS);
            assertThat(second.alreadyPresent()).as("what went in before the disk filled is not imported twice")
                    .isEqualTo(importedCount(store) - second.imported());
            assertThat(importedCount(store)).isEqualTo(SESSIONS);
            assertWholeSessionsOnly(store);
            assertThat(store.verifier().verifyAll(false).ok()).isTrue();
        }
    }

    private static int importedCount(Store store) {
        return (int) store.sessions().list(SessionQuery.all()).stream().filter(s -> s.title().startsWith("imported ")).count();
    }

    private static void assertWholeSessionsOnly(Store store) {
        for (Session s : store.sessions().list(SessionQuery.all())) {
            if (s.title().startsWith("imported ")) {
                assertThat(s.messageCount()).as(s.title()).isEqualTo(MESSAGES_EACH);
            }
        }
    }

    @Test
    void aBackupOntoAFullDiskFailsClearlyCountsNothingAndSucceedsOnceSpaceReturns() throws Exception {
        Path data = tmp.resolve("data");
        Path backups = Files.createDirectories(data.resolve("backups"));
        try (Store store = Store.open(data)) {
            TortureFiles.Seeded seeded = TortureFiles.seed(store, 40, 13);
            Random r = new Random(14);
            for (int i = 0; i < 30; i++) {
                store.messages().append(seeded.sessionId(), TortureText.message(r, seeded.sessionId(),
                        dev.sessiondesk.model.Role.USER, TortureFiles.bigText(r, 8_000)));
            }
        }
        // A tiny file system where the backups go: the disk is "full" for the copy, not for the store.
        int mounted = TortureFiles.run("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", backups.toString());
        Assumptions.assumeTrue(mounted == 0, "cannot mount a small file system here (needs root)");
        try {
            BackupService service = new BackupService(data);
            BackupFailedException failed = null;
            try {
                service.backup("test", Progress.NONE);
            } catch (BackupFailedException e) {
                failed = e;
            }
            assertThat(failed).as("a backup onto a full disk must fail").isNotNull();
            assertThat(failed.getMessage()).containsIgnoringCase("full");
            assertThat(service.catalog().list()).isEmpty();
            try (Store store = Store.open(data)) {
                assertThat(store.verifier().verifyAll(false).ok()).isTrue();
            }

            assertThat(TortureFiles.run("mount", "-o", "remount,size=64m", backups.toString())).isZero();
            BackupRecord ok = service.backup("test", Progress.NONE);
            assertThat(service.catalog().list()).extracting(BackupRecord::file).containsExactly(ok.file());
        } finally {
            TortureFiles.run("umount", backups.toString());
        }
    }

}
