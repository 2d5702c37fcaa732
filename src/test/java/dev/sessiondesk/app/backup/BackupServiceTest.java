package dev.sessiondesk.app.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.PrivateFiles;
import dev.sessiondesk.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupServiceTest {
    @TempDir
    Path data;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now;

        ManualClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aBackupIsAVerifiedPrivateCopyWithTheLiveFigures() throws Exception {
        try (Store store = Store.open(data)) {
            Seed.sessions(store, 3, 4, 10);
            List<Double> fractions = new ArrayList<>();
            BackupRecord b = new BackupService(data).backup("manual", (f, m) -> fractions.add(f));

            assertThat(b.file().getFileName().toString()).matches("sessions-\\d{8}T\\d{6}Z\\.db");
            assertThat(b.file().getParent()).isEqualTo(data.resolve("backups"));
            assertThat(Files.getPosixFilePermissions(b.file())).isEqualTo(PrivateFiles.FILE);
            assertThat(Files.getPosixFilePermissions(b.file().getParent())).isEqualTo(PrivateFiles.DIR);
            assertThat(Files.getPosixFilePermissions(BackupCatalog.sidecarOf(b.file()))).isEqualTo(PrivateFiles.FILE);
            assertThat(b.sessions()).isEqualTo(Seed.figures(store));
            assertThat(b.messageCount()).isEqualTo(12);
            assertThat(b.verified()).isTrue();
            assertThat(fractions).isNotEmpty().isSorted();
            assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);

            assertThat(new BackupCatalog(data).list()).extracting(BackupRecord::file).containsExactly(b.file());
            try (Store copy = Store.openReadOnly(b.file())) {
                assertThat(copy.verifier().verifyAll(true).ok()).isTrue();
                assertThat(Seed.figures(copy)).isEqualTo(Seed.figures(store));
            }
        }
    }

    @Test
    void theAutomaticBackupRunsAtMostOnceADay() throws Exception {
        try (Store store = Store.open(data)) {
            Seed.sessions(store, 1, 2, 0);
        }
        ManualClock clock = new ManualClock(Instant.parse("2026-11-20T08:00:00Z"));
        BackupService backups = new BackupService(data, RotationPolicy.DEFAULT, clock);
        assertThat(backups.backupIfDue(Progress.NONE)).isPresent();
        clock.now = clock.now.plus(Duration.ofHours(23));
        assertThat(backups.backupIfDue(Progress.NONE)).isEmpty();
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertThat(backups.backupIfDue(Progress.NONE)).isPresent();
        assertThat(backups.catalog().list()).hasSize(2);
    }

    @Test
    void aCopyThatFailsVerificationIsSetAsideAndNeitherCountedNorRotatedIn() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-20T08:00:00Z"));
        BackupService backups = new BackupService(data, new RotationPolicy(1, 0), clock);
        String marker = "the original words";
        try (Store store = Store.open(data)) {
            String id = Seed.sessions(store, 1, 0, 0).get(0);
            store.messages().append(id, NewMessage.text(Role.USER, marker));
        }
        BackupRecord good = backups.backup("manual", Progress.NONE);

        DiskBytes.flipFirst(data.resolve(Store.FILE_NAME), "\"text\":\"the original");
        clock.now = clock.now.plus(Duration.ofHours(1));
        assertThatThrownBy(() -> backups.backup("manual", Progress.NONE))
                .isInstanceOf(BackupFailedException.class)
                .hasMessageContaining("failed verification")
                .hasMessageContaining("message 1");

        // keepLast = 1 would have rotated the good one out had the bad copy counted
        assertThat(backups.catalog().list()).extracting(BackupRecord::file).containsExactly(good.file());
        assertThat(good.file()).exists();
        try (var files = Files.list(data.resolve("backups"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".failed"))).hasSize(1);
        }
    }

    @Test
    void backupsRotateToTheLastNButKeepOnePerDay() throws Exception {
        try (Store store = Store.open(data)) {
            Seed.sessions(store, 1, 1, 0);
        }
        ManualClock clock = new ManualClock(Instant.parse("2026-11-18T10:00:00Z"));
        BackupService backups = new BackupService(data, new RotationPolicy(2, 7), clock);
        List<BackupRecord> made = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // 18th: two, then one on the 19th, one on the 20th
            made.add(backups.backup("manual", Progress.NONE));
            clock.now = clock.now.plus(Duration.ofHours(i == 0 ? 1 : 24));
        }
        // last 2 = 20th and 19th; newest of the 18th = made[1]; made[0] goes
        assertThat(backups.catalog().list()).extracting(BackupRecord::file)
                .containsExactly(made.get(3).file(), made.get(2).file(), made.get(1).file());
        assertThat(made.get(0).file()).doesNotExist();
        assertThat(BackupCatalog.sidecarOf(made.get(0).file())).doesNotExist();
    }

    /** Figures, not a pass/fail: how long appends wait while a backup copies (they should not wait on it). */
    @Test
    void appendsKeepCommittingWhileABackupCopies() throws Exception {
        try (SessionDesk desk = SessionDesk.open(data)) {
            Seed.sessions(desk.store(), 20, 50, 400);
            String id = desk.sessions().create("busy", null).id();
            long quietWorst = 0;
            for (int i = 0; i < 30; i++) {
                long t = System.nanoTime();
                desk.sessions().append(id, NewMessage.text(Role.USER, "before the backup " + i));
                quietWorst = Math.max(quietWorst, System.nanoTime() - t);
            }
            CompletableFuture<BackupRecord> backup = CompletableFuture.supplyAsync(() -> {
                try {
                    return desk.backups().backup("manual", Progress.NONE);
                } catch (BackupFailedException e) {
                    throw new IllegalStateException(e);
                }
            });
            AtomicLong worst = new AtomicLong();
            int appended = 0;
            while (!backup.isDone()) {
                long t = System.nanoTime();
                desk.sessions().append(id, NewMessage.text(Role.USER, "during the backup " + appended));
                worst.accumulateAndGet(System.nanoTime() - t, Math::max);
                appended++;
            }
            BackupRecord b = backup.join();
            System.out.printf("backup of %d messages (%d KiB) took place during %d appends; slowest append %.1f ms"
                    + " during it, %.1f ms in 30 appends before it%n",
                    b.messageCount(), b.sizeBytes() / 1024, appended, worst.get() / 1e6, quietWorst / 1e6);
            assertThat(appended).isPositive();
            assertThat(b.sessions().get(id).messageCount()).isBetween(30, 30 + appended);
            assertThat(desk.store().verifier().verifyAll(false).ok()).isTrue();
        }
    }
}
