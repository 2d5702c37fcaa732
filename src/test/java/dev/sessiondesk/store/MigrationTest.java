package dev.sessiondesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {
    @TempDir
    Path dir;

    /** Builds a store exactly as schema version 1 left it, with one session of two messages. */
    static String createVersion1Store(Path dir) throws Exception {
        PrivateFiles.ensureDirectory(dir);
        String sessionId = "0190b0b0-0000-7000-8000-000000000001";
        try (Connection c = StoreFixture.raw(dir)) {
            c.setAutoCommit(false);
            Schema.migrate(c, 0, 1, "test");
            long now = System.currentTimeMillis();
            String head = Fingerprint.GENESIS;
            List<NewMessage> messages = List.of(NewMessage.text(Role.USER, "searchable zebra"),
                    NewMessage.text(Role.ASSISTANT, "an answer about giraffes"));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessions(id, title, title_source, created_at,"
                    + " updated_at, last_activity, message_count, head_hash) VALUES (?, 'Old', 'user', ?, ?, ?, 0, ?)")) {
                ps.setString(1, sessionId);
                ps.setLong(2, now);
                ps.setLong(3, now);
                ps.setLong(4, now);
                ps.setString(5, head);
                ps.executeUpdate();
            }
            int seq = 0;
            for (NewMessage m : messages) {
                seq++;
                head = HashChain.next(head, GooseMessages.canonicalBytes(m));
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages(session_id, seq, role, created,"
                        + " content_json, state, hash, updated_at) VALUES (?,?,?,?,?,'complete',?,?)")) {
                    ps.setString(1, sessionId);
                    ps.setInt(2, seq);
                    ps.setString(3, m.role().wire());
                    ps.setLong(4, m.created());
                    ps.setString(5, m.contentJson());
                    ps.setString(6, head);
                    ps.setLong(7, now);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET message_count = ?, head_hash = ?")) {
                ps.setInt(1, seq);
                ps.setString(2, head);
                ps.executeUpdate();
            }
            c.commit();
        }
        return sessionId;
    }

    @Test
    void version1StoresAreMigratedWithTheirMessagesIndexedForSearch() throws Exception {
        String id = createVersion1Store(dir);
        List<String> hookCalls = new ArrayList<>();
        try (Store store = Store.open(dir, Store.Options.defaults().withMigrationHook(
                (db, from, to) -> hookCalls.add(from + "->" + to)))) {
            assertThat(store.schemaVersion()).isEqualTo(Schema.CURRENT);
            assertThat(hookCalls).containsExactly("1->" + Schema.CURRENT);
            assertThat(store.verifier().verifyAll(false).ok()).isTrue();
            long hits = store.reader().read("search", c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'giraffes'");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(hits).isEqualTo(1);
            store.messages().append(id, NewMessage.text(Role.USER, "after the upgrade"));
            assertThat(store.verifier().verifySession(id).ok()).isTrue();
            List<Integer> history = store.reader().read("history", c -> {
                List<Integer> v = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT version FROM schema_history ORDER BY version");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        v.add(rs.getInt(1));
                    }
                }
                return v;
            });
            // Every migration once, in order (the list may have gaps while versions are assigned in parallel).
            assertThat(history).containsExactlyElementsOf(Schema.MIGRATIONS.stream().map(m -> m.version()).toList());
        }
    }

    @Test
    void aFreshStoreSkipsTheBackupHookAndIsAtTheCurrentVersion() {
        List<String> hookCalls = new ArrayList<>();
        try (Store store = Store.open(dir, Store.Options.defaults().withMigrationHook(
                (db, from, to) -> hookCalls.add(from + "->" + to)))) {
            assertThat(store.schemaVersion()).isEqualTo(Schema.CURRENT);
        }
        assertThat(hookCalls).isEmpty();
    }

    @Test
    void aFailingBackupHookStopsTheMigrationAndChangesNothing() throws Exception {
        createVersion1Store(dir);
        try {
            Store.open(dir, Store.Options.defaults().withMigrationHook((db, from, to) -> {
                throw new java.io.IOException("disk full");
            })).close();
            org.junit.jupiter.api.Assertions.fail("the open should have failed");
        } catch (StoreException e) {
            assertThat(e.getMessage()).contains("safety backup failed").contains("nothing was changed");
        }
        try (Connection c = StoreFixture.raw(dir)) {
            assertThat(Schema.version(c)).isEqualTo(1);
        }
    }

    @Test
    void everyMigrationIsNumberedInOrder() {
        // Strictly increasing from 1, ending at CURRENT; a gap is allowed (versions are assigned per engineer).
        assertThat(Schema.MIGRATIONS.get(0).version()).isEqualTo(1);
        for (int i = 1; i < Schema.MIGRATIONS.size(); i++) {
            assertThat(Schema.MIGRATIONS.get(i).version()).isGreaterThan(Schema.MIGRATIONS.get(i - 1).version());
        }
        assertThat(Schema.MIGRATIONS.get(Schema.MIGRATIONS.size() - 1).version()).isEqualTo(Schema.CURRENT);
        assertThat(ContentItems.plainText("[]")).isEmpty();
    }
}
