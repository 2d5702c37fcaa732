package dev.sessiondesk.app.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.ChainReport;
import dev.sessiondesk.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorruptionAndRestoreTest {
    @TempDir
    Path data;

    @Test
    void oneFlippedByteIsNamedByVerifyAndTheLatestBackupBringsItBack() throws Exception {
        String damagedId;
        BackupRecord backup;
        try (SessionDesk desk = SessionDesk.open(data)) {
            List<String> others = Seed.sessions(desk.store(), 2, 3, 0);
            damagedId = desk.sessions().create("the one that gets damaged", null).id();
            desk.sessions().append(damagedId, NewMessage.text(Role.USER, "first question"));
            desk.sessions().append(damagedId, NewMessage.text(Role.ASSISTANT, "a precise answer about kelp"));
            desk.sessions().append(damagedId, NewMessage.text(Role.USER, "thanks"));
            backup = desk.backups().backup("manual", Progress.NONE);
            assertThat(others).hasSize(2);
        }
        // a newer backup whose own file was damaged afterwards is passed over as the way back
        Path damagedBackup;
        try (SessionDesk desk = SessionDesk.open(data)) {
            damagedBackup = desk.backups().backup("manual", Progress.NONE).file();
        }
        DiskBytes.flipFirst(damagedBackup, "\"text\":\"a precise answer about kel");
        // the store is closed (WAL folded in): damage the bytes of message 2's content on disk
        DiskBytes.flipFirst(data.resolve(Store.FILE_NAME), "\"text\":\"a precise answer about kel");

        try (SessionDesk desk = SessionDesk.open(data)) {
            var report = desk.store().verifier().verifyAll(false);
            assertThat(report.sqliteCheck()).isEqualTo("ok"); // pages are fine; only the chain sees it
            assertThat(report.problems()).singleElement().satisfies(r -> {
                assertThat(r.sessionId()).isEqualTo(damagedId);
                assertThat(r.firstBadSeq()).isEqualTo(2);
            });
            FullVerifier.Report full = new FullVerifier(desk.store(), desk.backups().catalog()).verify(Progress.NONE);
            assertThat(full.ok()).isFalse();
            assertThat(full.chains()).singleElement().satisfies(p -> {
                assertThat(p.wayBack()).get().extracting(BackupRecord::file).isEqualTo(backup.file());
                assertThat(p.describe()).contains(damagedId).contains("message 2").contains(backup.fileName());
            });
        }

        RestoreService.Result r = new RestoreService(data, new BackupService(data)).restore(backup.file(), Progress.NONE);
        assertThat(r.safetyCopyVerified()).isFalse(); // the damaged store is kept, set aside as .failed
        assertThat(r.safetyCopy().getFileName().toString()).endsWith(".db.failed");
        assertThat(Files.readAllBytes(r.safetyCopy())).isNotEmpty();
        try (SessionDesk desk = SessionDesk.open(data)) {
            assertThat(desk.store().verifier().verifyAll(true).ok()).isTrue();
            assertThat(ContentItems.plainText(desk.sessions().messages(damagedId).get(1).contentJson()))
                    .isEqualTo("a precise answer about kelp");
            assertThat(new FullVerifier(desk.store(), desk.backups().catalog()).verify(Progress.NONE).ok()).isTrue();
        }
        assertThat(data.resolve(RestoreService.INCOMING)).doesNotExist();
    }

    @Test
    void restoreSavesTheCurrentStoreFirstAndSwapsInTheBackup() throws Exception {
        BackupRecord older;
        String later;
        try (SessionDesk desk = SessionDesk.open(data)) {
            Seed.sessions(desk.store(), 2, 2, 0);
            older = desk.backups().backup("manual", Progress.NONE);
            later = Seed.sessions(desk.store(), 1, 5, 0).get(0);
        }
        RestoreService.Result r = new RestoreService(data, new BackupService(data)).restore(older.file(), Progress.NONE);
        assertThat(r.safetyCopyVerified()).isTrue();
        try (Store store = Store.open(data)) {
            assertThat(Seed.figures(store)).isEqualTo(older.sessions());
        }
        try (Store safety = Store.openReadOnly(r.safetyCopy())) {
            assertThat(safety.sessions().get(later)).isPresent();
            assertThat(safety.verifier().verifySession(later)).extracting(ChainReport::messagesChecked).isEqualTo(5);
        }
        assertThat(data.resolve(Store.FILE_NAME + "-wal")).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> assertThat(Files.size(p)).isZero());
    }

    @Test
    void aDamagedBackupIsNotRestoredAndTheStoreIsLeftAlone() throws Exception {
        BackupRecord b;
        try (SessionDesk desk = SessionDesk.open(data)) {
            String id = desk.sessions().create("s", null).id();
            desk.sessions().append(id, NewMessage.text(Role.USER, "kept in the backup"));
            b = desk.backups().backup("manual", Progress.NONE);
            desk.sessions().append(id, NewMessage.text(Role.USER, "only in the live store"));
        }
        assertThatThrownBy(() -> new RestoreService(data, new BackupService(data))
                .restore(data.resolve(Store.FILE_NAME), Progress.NONE)).hasMessageContaining("onto itself");
        DiskBytes.flipFirst(b.file(), "\"text\":\"kept in the backu");
        assertThatThrownBy(() -> new RestoreService(data, new BackupService(data)).restore(b.file(), Progress.NONE))
                .isInstanceOf(BackupFailedException.class).hasMessageContaining("failed verification");
        try (Store store = Store.open(data)) {
            assertThat(store.messages().countAll()).isEqualTo(2);
        }
    }
}
