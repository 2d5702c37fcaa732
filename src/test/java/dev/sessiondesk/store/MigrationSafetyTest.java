package dev.sessiondesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.backup.BackupRecord;
import dev.sessiondesk.model.Fingerprint;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationSafetyTest {
    @TempDir
    Path data;

    @Test
    void migrationThreeAddsVerifiedHeadsToAVersionTwoStoreAndKeepsEverything() throws Exception {
        List<LegacyStores.Made> made = LegacyStores.create(data, 2, 2, 3);
        try (SessionDesk desk = SessionDesk.open(data)) {
            assertThat(desk.store().schemaVersion()).isEqualTo(Schema.CURRENT);
            for (LegacyStores.Made m : made) {
                assertThat(desk.store().sessions().require(m.id()).fingerprint()).isEqualTo(m.fingerprint());
            }
            assertThat(desk.store().verifier().verifyAll(true).ok()).isTrue();
            IncrementalVerifier.Result r = new IncrementalVerifier(desk.store()).verify(made.get(0).id());
            assertThat(r.ok()).isTrue();
            assertThat(r.newlyHashed()).isEqualTo(3);
            // the verified backup taken before the migration holds the version-2 store
            List<BackupRecord> backups = desk.backups().catalog().list();
            assertThat(backups).singleElement().satisfies(b -> {
                assertThat(b.schemaVersion()).isEqualTo(2);
                assertThat(b.reason()).isEqualTo("before migrating from schema 2 to " + Schema.CURRENT);
                assertThat(b.sessions()).hasSize(2);
            });
        }
        assertThat(LegacyStores.userVersion(data)).isEqualTo(Schema.CURRENT);
    }

    @Test
    void aMigrationKilledMidwayLeavesTheOldVersionIntactAndTheNextOpenMigratesCleanly() throws Exception {
        List<LegacyStores.Made> made = LegacyStores.create(data, 1, 3, 4);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlowMigrationChild.class.getName(),
                data.resolve(Store.FILE_NAME).toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("MIGRATING")) {
                // skip the child's log lines
            }
            assertThat(line).as("the child reached the slow step").isEqualTo("MIGRATING 1 -> " + Schema.CURRENT);
            child.destroyForcibly(); // SIGKILL on Unix: no commit, no cleanup
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(LegacyStores.userVersion(data)).isEqualTo(1);
        try (Connection c = LegacyStores.raw(data.resolve(Store.FILE_NAME)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE name IN"
                     + " ('messages_fts', 'verified_heads', 'slow_step')")) {
            assertThat(rs.next()).as("no table of a later version exists").isFalse();
        }
        try (SessionDesk desk = SessionDesk.open(data)) {
            assertThat(desk.store().schemaVersion()).isEqualTo(Schema.CURRENT);
            for (LegacyStores.Made m : made) {
                assertThat(desk.store().sessions().require(m.id()).fingerprint()).isEqualTo(m.fingerprint());
            }
            assertThat(desk.store().verifier().verifyAll(true).ok()).isTrue();
            assertThat(new ReferenceChecks(desk.store()).searchIndexProblems()).isEmpty(); // v2 indexed the old messages
        }
    }

    @Test
    void incrementalVerifyHashesOnlyWhatIsNewAndStillCatchesARewrittenTail() throws Exception {
        try (Store store = Store.open(data)) {
            String id = dev.sessiondesk.app.backup.Seed.sessions(store, 1, 5, 0).get(0);
            IncrementalVerifier v = new IncrementalVerifier(store);
            assertThat(v.verify(id)).extracting(IncrementalVerifier.Result::newlyHashed).isEqualTo(5);
            assertThat(v.verify(id)).extracting(IncrementalVerifier.Result::newlyHashed).isEqualTo(0);
            store.messages().append(id, dev.sessiondesk.model.NewMessage.text(dev.sessiondesk.model.Role.USER, "new"));
            IncrementalVerifier.Result third = v.verify(id);
            assertThat(third.ok()).isTrue();
            assertThat(third.alreadyVerified()).isEqualTo(5);
            assertThat(third.newlyHashed()).isEqualTo(1);
            assertThat(third.chain().messagesChecked()).isEqualTo(6);

            // someone rewrites message 6's hash (and the head) behind the store's back
            store.writer().write("tamper", c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE messages SET hash = '" + "ab".repeat(32) + "' WHERE session_id = '" + id
                            + "' AND seq = 6");
                    s.executeUpdate("UPDATE sessions SET head_hash = '" + "ab".repeat(32) + "' WHERE id = '" + id + "'");
                }
                return null;
            });
            IncrementalVerifier.Result after = v.verify(id);
            assertThat(after.ok()).isFalse();
            assertThat(after.chain().firstBadSeq()).isEqualTo(6);
            assertThat(store.verifier().checkExtends(id, new Fingerprint(6, "ab".repeat(32))).ok()).isFalse();
        }
    }
}
