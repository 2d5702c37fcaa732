package dev.sessiondesk.app.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.backup.BackupRecord;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.StoreFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupSessionFinderTest {
    @TempDir
    Path tmp;

    @Test
    void findsTheNewestBackupWhoseCopyStartsWithWhatTheWindowShowed() throws Exception {
        try (SessionDesk desk = SessionDesk.open(tmp.resolve("data"))) {
            Session s = desk.sessions().create("s", null);
            desk.sessions().append(s.id(), StoreFixture.text(Role.USER, "one"));
            Fingerprint shownThen = desk.store().sessions().get(s.id()).orElseThrow().fingerprint();
            desk.sessions().append(s.id(), StoreFixture.text(Role.USER, "two"));
            BackupRecord backup = desk.backups().backup("manual", Progress.NONE);
            BackupSessionFinder finder = new BackupSessionFinder(desk.backups().catalog());

            assertThat(finder.latestExtending(s.id(), shownThen)).contains(backup);
            // A window that showed something this backup does not have (another head) finds nothing.
            assertThat(finder.latestExtending(s.id(), new Fingerprint(1, "ef".repeat(32)))).isEmpty();
            assertThat(finder.latestExtending(s.id(), new Fingerprint(3, "ef".repeat(32)))).isEmpty();
            assertThat(finder.latestExtending("no-such-session", shownThen)).isEmpty();
        }
    }
}
