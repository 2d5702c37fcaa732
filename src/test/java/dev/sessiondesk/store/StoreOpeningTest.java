package dev.sessiondesk.store;

import static dev.sessiondesk.store.StoreFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreOpeningTest {
    @TempDir
    Path tmp;

    @Test
    void theDataFolderIs0700AndEveryStoreFile0600() throws Exception {
        Path data = tmp.resolve("nested/data");
        try (Store store = Store.open(data)) {
            Session s = store.sessions().create(NewSession.blank());
            store.messages().append(s.id(), text(Role.USER, "private"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("nested")))).isEqualTo("rwx------");
            try (Stream<Path> files = Files.list(data)) {
                List<Path> all = files.toList();
                assertThat(all).extracting(p -> p.getFileName().toString())
                        .contains("sessions.db", "sessions.db-wal", "sessions.db-shm");
                for (Path f : all) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
                }
            }
        }
    }

    @Test
    void theStoreRunsInWalModeWithFullSync() throws Exception {
        try (Store store = Store.open(tmp)) {
            String mode = store.writer().direct("read the journal mode", c -> {
                try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            int sync = store.writer().direct("read synchronous", c -> {
                try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA synchronous")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(mode).isEqualTo("wal");
            assertThat(sync).isEqualTo(2); // FULL
        }
    }

    @Test
    void aStoreFromANewerVersionOpensReadOnlyAndIsNotChanged() throws Exception {
        try (Store store = Store.open(tmp)) {
            store.sessions().create(NewSession.titled("from the future", null));
            store.checkpoint();
        }
        StoreFixture.sql(tmp, "PRAGMA user_version = " + (Schema.CURRENT + 7));
        byte[] before = Files.readAllBytes(tmp.resolve(Store.FILE_NAME));
        try (Store store = Store.open(tmp)) {
            assertThat(store.isReadOnly()).isTrue();
            assertThat(store.readOnlyReason()).contains("this store was written by a newer SessionDesk (schema "
                    + (Schema.CURRENT + 7) + " > " + Schema.CURRENT + ")").contains("nothing was changed");
            assertThatThrownBy(() -> store.sessions().create(NewSession.blank()))
                    .isInstanceOf(StoreException.class)
                    .satisfies(e -> assertThat(((StoreException) e).kind()).isEqualTo(StoreException.Kind.NEWER_SCHEMA));
        }
        assertThat(Files.readAllBytes(tmp.resolve(Store.FILE_NAME))).isEqualTo(before);
    }

    @Test
    void aFileThatIsNotADatabaseIsReportedAndLeftAlone() throws Exception {
        Path db = tmp.resolve(Store.FILE_NAME);
        byte[] junk = "this is my shopping list, not a database\n".repeat(200).getBytes();
        Files.write(db, junk);
        assertThatThrownBy(() -> Store.open(tmp)).isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(((StoreException) e).kind()).isEqualTo(StoreException.Kind.CORRUPT))
                .hasMessageContaining(db.toString());
        assertThat(Files.readAllBytes(db)).isEqualTo(junk);
    }

    @Test
    void aForeignSqliteDatabaseIsNotMistakenForAStore() throws Exception {
        StoreFixture.sql(tmp, "CREATE TABLE recipes(name TEXT)");
        assertThatThrownBy(() -> Store.open(tmp)).hasMessageContaining("not a SessionDesk store");
        try (Connection c = StoreFixture.raw(tmp); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void aReadOnlyFolderGivesAReadOnlyStoreWithItsReason() throws Exception {
        try (Store store = Store.open(tmp)) {
            store.sessions().create(NewSession.titled("saved earlier", null));
        }
        Files.setPosixFilePermissions(tmp.resolve(Store.FILE_NAME), PosixFilePermissions.fromString("r--------"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r-x------"));
        try {
            if (Files.isWritable(tmp)) {
                return; // running as a user that ignores permissions (root): nothing to observe here
            }
            try (Store store = Store.open(tmp)) {
                assertThat(store.isReadOnly()).isTrue();
                assertThat(store.readOnlyReason()).contains("read-only");
                assertThat(store.sessions().list(SessionQuery.all())).extracting(Session::title).containsExactly("saved earlier");
            }
        } finally {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aLockHeldLongerThanTheBusyTimeoutGivesALockedErrorAndTheWriteSucceedsLater() throws Exception {
        try (Store store = Store.open(tmp, Store.Options.defaults().withBusyTimeout(300))) {
            Session s = store.sessions().create(NewSession.blank());
            try (Connection other = StoreFixture.raw(tmp); Statement st = other.createStatement()) {
                st.execute("BEGIN EXCLUSIVE");
                assertThatThrownBy(() -> store.messages().append(s.id(), text(Role.USER, "waiting")))
                        .isInstanceOf(StoreException.class)
                        .satisfies(e -> {
                            assertThat(((StoreException) e).kind()).isEqualTo(StoreException.Kind.LOCKED);
                            assertThat(((StoreException) e).isTransient()).isTrue();
                        })
                        .hasMessageContaining("locked by another program");
                st.execute("COMMIT");
            }
            assertThat(store.messages().append(s.id(), text(Role.USER, "waiting")).seq()).isEqualTo(1);
            assertThat(store.verifier().verifySession(s.id()).ok()).isTrue();
        }
    }

    @Test
    void aShortLockIsWaitedOutByTheBusyTimeout() throws Exception {
        try (Store store = Store.open(tmp)) {
            Session s = store.sessions().create(NewSession.blank());
            Connection other = StoreFixture.raw(tmp);
            Statement st = other.createStatement();
            st.execute("BEGIN EXCLUSIVE");
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(400);
                    st.execute("COMMIT");
                    other.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            assertThat(store.messages().append(s.id(), text(Role.USER, "patient")).seq()).isEqualTo(1);
            release.join();
        }
    }
}
