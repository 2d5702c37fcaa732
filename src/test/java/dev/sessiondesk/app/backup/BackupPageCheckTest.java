package dev.sessiondesk.app.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.store.ReferenceChecks;
import dev.sessiondesk.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup's check of its pages leaves out FTS5's re-reading of the whole search index (derived data)
 * but still refuses a copy whose b-tree pages are damaged; a restore finds a wrong search index with
 * the whole quick_check and builds it again from the messages.
 */
class BackupPageCheckTest {
    @TempDir
    Path data;

    private BackupRecord seededBackup(int sessions, int messagesEach) throws Exception {
        try (SessionDesk desk = SessionDesk.open(data)) {
            Seed.sessions(desk.store(), sessions, messagesEach, 300);
            return desk.backups().backup("manual", Progress.NONE);
        }
    }

    @Test
    void aCopyWithADamagedPageOfTheMessagesTableIsRefused() throws Exception {
        BackupRecord good = seededBackup(20, 20);
        Path damaged = data.resolve("damaged.db");
        Files.copy(good.file(), damaged);
        long page;
        int pageSize;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + damaged); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT pageno FROM dbstat WHERE name = 'messages' AND pagetype = 'leaf'"
                    + " ORDER BY pageno LIMIT 1 OFFSET 3")) {
                assertThat(rs.next()).as("the messages table spans several leaf pages").isTrue();
                page = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("PRAGMA page_size")) {
                rs.next();
                pageSize = rs.getInt(1);
            }
        }
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[(int) ((page - 1) * pageSize + 3)] ^= 0x5a; // the page's cell count: a bad disk's kind of damage
        Files.write(damaged, bytes);

        List<String> problems = new BackupService(data).verifyFile(damaged, Progress.NONE);

        assertThat(problems).isNotEmpty();
        assertThat(String.join("; ", problems)).contains("page " + page);
        assertThat(new BackupService(data).verifyFile(good.file(), Progress.NONE)).isEmpty();
    }

    @Test
    void aCopyWhoseSearchIndexAloneIsWrongPassesAndARestoreRebuildsTheIndex() throws Exception {
        BackupRecord backup = seededBackup(5, 6);
        // Structurally sound pages, but the index no longer matches its text: only FTS5's own check sees it.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backup.file()); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE messages_fts_content SET c0 = 'words nobody wrote' WHERE id IN"
                    + " (SELECT id FROM messages_fts_content ORDER BY id LIMIT 3)")).isEqualTo(3);
        }
        try (Store copy = Store.openReadOnly(backup.file())) {
            assertThat(new ReferenceChecks(copy).quickCheck()).containsIgnoringCase("fts5");
            assertThat(new ReferenceChecks(copy).pageCheck()).isEqualTo("ok");
        }

        assertThat(new BackupService(data).verifyFile(backup.file(), Progress.NONE)).isEmpty();

        RestoreService.Result r = new RestoreService(data, new BackupService(data)).restore(backup.file(), Progress.NONE);
        assertThat(r.sessions()).isEqualTo(5);
        try (Store restored = Store.open(data)) {
            ReferenceChecks checks = new ReferenceChecks(restored);
            assertThat(checks.quickCheck()).isEqualTo("ok");
            assertThat(checks.searchIndexProblems()).isEmpty();
        }
    }

    @Test
    void aBrokenChainInTheCopyIsStillRefused() throws Exception {
        BackupRecord backup = seededBackup(3, 4);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backup.file()); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE messages SET content_json = replace(content_json, 'message 2', 'message X')"
                    + " WHERE seq = 3 AND session_id = (SELECT min(session_id) FROM messages)")).isEqualTo(1);
        }
        List<String> problems = new BackupService(data).verifyFile(backup.file(), Progress.NONE);

        assertThat(String.join("; ", problems)).contains("message 3").contains("does not match its hash");
        assertThatThrownBy(() -> new RestoreService(data, new BackupService(data)).restore(backup.file(), Progress.NONE))
                .isInstanceOf(BackupFailedException.class).hasMessageContaining("failed verification");
    }
}
