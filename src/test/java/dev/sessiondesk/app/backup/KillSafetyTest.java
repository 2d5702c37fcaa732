package dev.sessiondesk.app.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.store.Store;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL in the middle of a backup or a restore: the next start finds a whole store and only good backups. */
class KillSafetyTest {
    @TempDir
    Path data;

    @Test
    void aBackupKilledMidwayLosesNothingAndLeavesNoCountedHalfCopy() throws Exception {
        Map<String, Fingerprint> before;
        try (Store store = Store.open(data)) {
            Seed.sessions(store, 30, 30, 500);
            before = Seed.figures(store);
        }
        Process child = ChildProcesses.start(BackupLoopChild.class, data.toString());
        try (BufferedReader out = ChildProcesses.output(child)) {
            ChildProcesses.awaitLine(out, "BACKUP 1");
            Thread.sleep(150); // inside the second backup: copying or verifying
            ChildProcesses.kill(child);
        }
        try (SessionDesk desk = SessionDesk.open(data)) {
            assertThat(Seed.figures(desk.store())).isEqualTo(before);
            assertThat(desk.store().verifier().verifyAll(true).ok()).isTrue();
            for (BackupRecord b : desk.backups().catalog().list()) {
                assertThat(desk.backups().verifyFile(b.file(), Progress.NONE)).as(b.fileName()).isEmpty();
                assertThat(b.sessions()).isEqualTo(before);
            }
            assertThat(desk.backups().catalog().list()).isNotEmpty();
            BackupRecord next = desk.backups().backup("after the kill", Progress.NONE);
            assertThat(next.sessions()).isEqualTo(before);
        }
        try (Stream<Path> files = Files.list(data.resolve(BackupCatalog.FOLDER))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(BackupService.PARTIAL));
        }
    }

    @Test
    void aRestoreKilledAtAnyStepLeavesEitherTheOldOrTheRestoredStoreWhole() throws Exception {
        // the steps RestoreService reports, in order; the child is killed as soon as it reaches each one
        String[] killAt = {"STEP copying the backup beside", "STEP folding in", "STEP swapping", "STEP RESTORED"};
        int sawOld = 0;
        int sawRestored = 0;
        for (int i = 0; i < killAt.length; i++) {
            Path dir = data.resolve("run" + i);
            Map<String, Fingerprint> old;
            BackupRecord backup;
            try (SessionDesk desk = SessionDesk.open(dir)) {
                Seed.sessions(desk.store(), 10, 10, 200);
                backup = desk.backups().backup("manual", Progress.NONE);
                Seed.sessions(desk.store(), 3, 5, 100);
                old = Seed.figures(desk.store());
            }
            Process child = ChildProcesses.start(RestoreChild.class, dir.toString(), backup.file().toString());
            try (BufferedReader out = ChildProcesses.output(child)) {
                ChildProcesses.awaitLine(out, killAt[i]);
                ChildProcesses.kill(child);
            }
            try (SessionDesk desk = SessionDesk.open(dir)) {
                Map<String, Fingerprint> now = Seed.figures(desk.store());
                assertThat(now).as("after a kill at '%s'", killAt[i]).isIn(old, backup.sessions());
                assertThat(desk.store().verifier().verifyAll(true).ok()).isTrue();
                if (now.equals(old)) {
                    sawOld++;
                } else {
                    sawRestored++;
                }
            }
            assertThat(dir.resolve(RestoreService.INCOMING)).doesNotExist();
        }
        System.out.printf("restore killed at %d steps: old store whole %d times, restored store whole %d times%n",
                killAt.length, sawOld, sawRestored);
        assertThat(sawOld).as("a kill before the swap keeps the old store").isPositive();
        assertThat(sawRestored).as("a restore that reached the end swapped the store").isPositive();
    }
}
