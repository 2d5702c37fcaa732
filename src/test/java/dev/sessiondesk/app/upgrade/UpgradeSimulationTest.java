package dev.sessiondesk.app.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.backup.BackupRecord;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.store.LegacyStores;
import dev.sessiondesk.store.PrivateFiles;
import dev.sessiondesk.store.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade from a store written by schema version 1 with three windows open: pre-upgrade (which must
 * not touch the old store), then the new version's first start (migration after a verified backup),
 * then the manifest check.
 */
class UpgradeSimulationTest {
    @TempDir
    Path data;

    private List<LegacyStores.Made> oldVersionWithThreeWindows() throws Exception {
        List<LegacyStores.Made> made = LegacyStores.create(data, 1, 4, 3);
        for (int i = 0; i < 3; i++) {
            LegacyStores.window(data, "window-" + i, made.get(i).id(), made.get(i).fingerprint(), i);
        }
        return made;
    }

    @Test
    void theNewVersionFindsTheSameSessionsAndWindowsAndTheManifestChecksPass() throws Exception {
        List<LegacyStores.Made> made = oldVersionWithThreeWindows();

        PreUpgrade.Result prepared = new PreUpgrade(data, RunningAppChannel.absent(), Clock.systemUTC()).run(Progress.NONE);
        assertThat(LegacyStores.userVersion(data)).as("pre-upgrade leaves the old store as it was").isEqualTo(1);
        assertThat(prepared.sessions()).isEqualTo(4);
        assertThat(prepared.exportedSessions()).isEqualTo(3);
        assertThat(prepared.folder().getFileName().toString()).startsWith("upgrade-");
        assertThat(Files.getPosixFilePermissions(prepared.folder())).isEqualTo(PrivateFiles.DIR);
        try (var files = Files.list(prepared.folder())) {
            assertThat(files.toList()).hasSize(3 * 2 + 2) // json + md per open session, index.md, the manifest
                    .allSatisfy(f -> assertThat(Files.getPosixFilePermissions(f)).isEqualTo(PrivateFiles.FILE));
        }
        UpgradeManifest manifest = UpgradeManifest.read(prepared.manifest());
        assertThat(manifest.schemaVersion()).isEqualTo(1);
        assertThat(manifest.sessions()).isEqualTo(made.stream()
                .collect(Collectors.toMap(LegacyStores.Made::id, LegacyStores.Made::fingerprint)));
        assertThat(manifest.windows()).hasSize(3);

        // the new version starts
        try (SessionDesk desk = SessionDesk.open(data)) {
            assertThat(desk.store().schemaVersion()).isEqualTo(Schema.CURRENT);
            assertThat(desk.backups().catalog().list()).extracting(BackupRecord::reason)
                    .containsExactlyInAnyOrder("pre-upgrade", "before migrating from schema 1 to " + Schema.CURRENT);
            Map<String, String> windows = desk.store().windows().openWindows().stream()
                    .collect(Collectors.toMap(WindowBinding::windowId, WindowBinding::sessionId));
            assertThat(windows).containsOnly(Map.entry("window-0", made.get(0).id()),
                    Map.entry("window-1", made.get(1).id()), Map.entry("window-2", made.get(2).id()));
            for (LegacyStores.Made m : made) {
                assertThat(desk.sessions().require(m.id()).fingerprint()).isEqualTo(m.fingerprint());
            }
            UpgradeCheck check = new UpgradeCheck(desk.store(), Clock.systemUTC());
            UpgradeCheck.Report report = check.checkPending().orElseThrow();
            assertThat(report.problems()).isEmpty();
            assertThat(report.sessionsChecked()).isEqualTo(4);
            assertThat(report.windowsChecked()).isEqualTo(3);
            assertThat(check.checkPending()).as("checked once per version").isEmpty();
        }
    }

    @Test
    void aMixedUpWindowOrALostMessageAfterTheUpgradeIsReported() throws Exception {
        List<LegacyStores.Made> made = oldVersionWithThreeWindows();
        PreUpgrade.Result prepared = new PreUpgrade(data, RunningAppChannel.absent(), Clock.systemUTC()).run(Progress.NONE);
        try (SessionDesk desk = SessionDesk.open(data)) {
            String a = made.get(0).id();
            String b = made.get(1).id();
            desk.store().writer().write("simulate a bad upgrade", c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE windows SET session_id = '" + b + "' WHERE window_id = 'window-0'");
                    s.executeUpdate("DELETE FROM messages WHERE session_id = '" + made.get(3).id() + "' AND seq = 3");
                }
                return null;
            });
            UpgradeCheck.Report report = new UpgradeCheck(desk.store(), Clock.systemUTC()).check(prepared.manifest());
            assertThat(report.ok()).isFalse();
            assertThat(report.problems()).anySatisfy(p -> assertThat(p)
                    .isEqualTo("window window-0 showed session " + a + " before the upgrade and now points to " + b));
            assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains(made.get(3).id()).contains("message 3"));
            assertThat(new UpgradeCheck(desk.store(), Clock.systemUTC()).checkPending()).get()
                    .extracting(UpgradeCheck.Report::ok).isEqualTo(false);
        }
    }

    @Test
    void preUpgradeRefusesWhileAnotherSessionDeskIsLiveOrAWindowPointsNowhere() throws Exception {
        oldVersionWithThreeWindows();
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            // the running app writes its heartbeat; write one for the live "other" process
            try (var c = LegacyStores.raw(data.resolve("sessions.db")); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO app_instance(id, pid, host, app_version, started_at, heartbeat_at)"
                        + " VALUES (1, " + other.pid() + ", 'h', '0.0.1', 0, " + System.currentTimeMillis() + ")");
            }
            assertThatThrownBy(() -> new PreUpgrade(data, RunningAppChannel.absent(), Clock.systemUTC()).run(Progress.NONE))
                    .isInstanceOf(PreUpgrade.Failed.class)
                    .hasMessageContaining("a running SessionDesk (pid " + other.pid());
            assertThatThrownBy(() -> new PreUpgrade(data, t -> RunningAppChannel.Outcome.DID_NOT_QUIT, Clock.systemUTC())
                    .run(Progress.NONE)).isInstanceOf(PreUpgrade.Failed.class).hasMessageContaining("did not save and quit");
        } finally {
            other.destroyForcibly();
        }
        other.waitFor();
        LegacyStores.window(data, "window-stray", "no-such-session", dev.sessiondesk.model.Fingerprint.empty(), 9);
        assertThatThrownBy(() -> new PreUpgrade(data, RunningAppChannel.absent(), Clock.systemUTC()).run(Progress.NONE))
                .isInstanceOf(PreUpgrade.Failed.class)
                .hasMessageContaining("window window-stray points to session no-such-session");
    }

    @Test
    void preUpgradeRefusesAWindowWhoseSessionNoLongerMatchesAndWritesNothing() throws Exception {
        List<LegacyStores.Made> made = oldVersionWithThreeWindows();
        // Someone rewrote the second message of window-1's session behind the app's back.
        try (var c = LegacyStores.raw(data.resolve("sessions.db")); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE messages SET content_json = replace(content_json, 'a', 'b') WHERE session_id = '"
                    + made.get(1).id() + "' AND seq = 2");
        }
        byte[] before = java.nio.file.Files.readAllBytes(data.resolve("sessions.db"));
        java.util.Set<String> filesBefore = listing();

        assertThatThrownBy(() -> new PreUpgrade(data, RunningAppChannel.absent(), Clock.systemUTC()).run(Progress.NONE))
                .isInstanceOf(PreUpgrade.Failed.class)
                .hasMessageContaining("window window-1 shows session")
                .hasMessageContaining("no longer matches what the window showed")
                .hasMessageContaining("message 2");
        assertThat(java.nio.file.Files.readAllBytes(data.resolve("sessions.db"))).isEqualTo(before);
        assertThat(listing()).isEqualTo(filesBefore);
    }

    private java.util.Set<String> listing() throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(data)) {
            // SQLite's own -wal/-shm beside the store come and go with any reader; everything else counts.
            return files.map(p -> data.relativize(p).toString())
                    .filter(name -> !name.endsWith("-wal") && !name.endsWith("-shm"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }
}
