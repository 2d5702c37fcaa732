package dev.sessiondesk.app.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.backup.BackupFailedException;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.StoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Restore this session from a backup" on real SQLite files: one session comes back, every other stays as it is. */
class SessionRestoreTest {
    @TempDir
    Path data;

    @Test
    void bringsBackOnlyTheTamperedSessionAfterASafetyBackupAndKeepsItsLaterMessages() throws Exception {
        try (SessionDesk desk = SessionDesk.open(data)) {
            Session damaged = desk.sessions().create("Trip to Lisbon", null);
            Session other = desk.sessions().create("Tax return", null);
            for (int i = 1; i <= 3; i++) {
                desk.sessions().append(damaged.id(), StoreFixture.text(Role.USER, "lisbon " + i));
                desk.sessions().append(other.id(), StoreFixture.text(Role.USER, "tax " + i));
            }
            desk.backups().backup("manual", Progress.NONE);
            desk.sessions().append(damaged.id(), StoreFixture.text(Role.USER, "lisbon 4, after the backup"));
            desk.sessions().append(other.id(), StoreFixture.text(Role.USER, "tax 4, after the backup"));
            List<Message> otherBefore = desk.sessions().messages(other.id());
            StoreFixture.sql(data, "UPDATE messages SET content_json = '[{\"text\":\"rewritten\",\"type\":\"text\"}]'"
                    + " WHERE session_id = '" + damaged.id() + "' AND seq = 2");
            assertThat(desk.store().verifier().verifySession(damaged.id()).firstBadSeq()).isEqualTo(2);
            int backupsBefore = desk.backups().catalog().list().size();

            SessionRestore.Result r = new SessionRestore(desk.store(), desk.backups()).restore(damaged.id(), 2, Progress.NONE);

            assertThat(desk.store().verifier().verifySession(damaged.id()).ok()).isTrue();
            assertThat(desk.sessions().messages(damaged.id())).extracting(m -> m.contentJson())
                    .anySatisfy(json -> assertThat(json).contains("lisbon 2"))
                    .noneSatisfy(json -> assertThat(json).contains("rewritten"))
                    .anySatisfy(json -> assertThat(json).contains("after the backup"));
            assertThat(r.messagesFromBackup()).isEqualTo(3);
            assertThat(r.messagesKept()).isEqualTo(1);
            assertThat(desk.sessions().messages(other.id())).isEqualTo(otherBefore);
            assertThat(desk.store().verifier().verifyAll(false).ok()).isTrue();
            // The safety copy is of the store as it was, tampered message included (so it does not verify).
            assertThat(Files.isRegularFile(r.safetyCopy())).isTrue();
            assertThat(r.safetyCopyVerified()).isFalse();
            assertThat(desk.backups().catalog().list()).hasSize(backupsBefore);
            assertThat(StoreFixture.raw(data).createStatement().executeQuery("SELECT count(*) FROM messages_fts"
                    + " WHERE messages_fts MATCH 'rewritten'").getInt(1)).isZero();
        }
    }

    @Test
    void withoutABackupThatHasTheSessionIntactNothingChanges() throws Exception {
        try (SessionDesk desk = SessionDesk.open(data)) {
            Session s = desk.sessions().create("only here", null);
            desk.sessions().append(s.id(), StoreFixture.text(Role.USER, "one"));
            desk.sessions().append(s.id(), StoreFixture.text(Role.USER, "two"));
            StoreFixture.sql(data, "UPDATE messages SET content_json = '[{\"text\":\"x\",\"type\":\"text\"}]'"
                    + " WHERE session_id = '" + s.id() + "' AND seq = 1");
            List<Message> before = desk.sessions().messages(s.id());

            assertThatThrownBy(() -> new SessionRestore(desk.store(), desk.backups()).restore(s.id(), 1, Progress.NONE))
                    .isInstanceOf(BackupFailedException.class).hasMessageContaining("no verified backup");
            assertThat(desk.sessions().messages(s.id())).isEqualTo(before);
            assertThat(desk.backups().catalog().list()).isEmpty();
        }
    }
}
