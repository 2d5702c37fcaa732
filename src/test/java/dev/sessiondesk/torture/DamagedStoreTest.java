package dev.sessiondesk.torture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.app.recovery.StoreRecovery;
import dev.sessiondesk.app.recovery.StoreRecovery.Condition;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.PrivateFiles;
import dev.sessiondesk.store.Schema;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that is not a database, truncated, has a damaged page, or comes from a newer version: a
 * clear message naming the file, the file never overwritten, and a way forward (start fresh with the
 * damaged file kept aside). Missing and read-only data folders too.
 */
class DamagedStoreTest {
    @TempDir
    Path dir;

    private Path data() {
        return dir.resolve("data");
    }

    private Path db() {
        return data().resolve(Store.FILE_NAME);
    }

    /** A store with messages, checkpointed and closed: everything is in sessions.db itself. */
    private TortureFiles.Seeded closedStoreWithMessages(int count) {
        try (Store store = Store.open(data())) {
            TortureFiles.Seeded seeded = TortureFiles.seed(store, count, 7);
            Random r = new Random(3);
            for (int i = 0; i < 40; i++) { // enough pages that damage in the middle hits real data
                store.messages().append(seeded.sessionId(), NewMessage.text(Role.USER, TortureFiles.bigText(r, 3000)));
            }
            store.checkpoint();
            return seeded;
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsReportedAndKeptAsItWas() throws Exception {
        Files.createDirectories(data());
        byte[] junk = "these are my notes, not a database\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(db(), junk);
        List<String> before = TortureFiles.fingerprint(data());

        assertThatThrownBy(() -> Store.open(data()))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.CORRUPT))
                .hasMessageContaining(db().toString());
        StoreRecovery.Diagnosis d = new StoreRecovery().diagnose(data());
        assertThat(d.condition()).isEqualTo(Condition.DAMAGED);
        assertThat(d.message()).contains(db().toString()).contains("not changed").contains("start a fresh store");
        assertThat(TortureFiles.fingerprint(data())).isEqualTo(before);
        assertThat(Files.readAllBytes(db())).isEqualTo(junk);

        startFreshKeepsTheDamagedFileAside(junk);
    }

    @Test
    void aTruncatedStoreIsReportedAndNotOverwritten() throws Exception {
        closedStoreWithMessages(5);
        long size = Files.size(db());
        try (RandomAccessFile f = new RandomAccessFile(db().toFile(), "rw")) {
            f.setLength(size * 6 / 10 + 123); // not even on a page boundary
        }
        byte[] damaged = Files.readAllBytes(db());
        List<String> before = TortureFiles.fingerprint(data());

        StoreRecovery.Diagnosis d = new StoreRecovery().diagnose(data());
        assertThat(d.condition()).as(d.message()).isEqualTo(Condition.DAMAGED);
        assertThat(d.message()).contains(db().toString());
        assertThat(TortureFiles.fingerprint(data())).isEqualTo(before);

        startFreshKeepsTheDamagedFileAside(damaged);
    }

    @Test
    void aCorruptPageIsFoundByQuickCheckAndReadsFailClearly() throws Exception {
        TortureFiles.Seeded seeded = closedStoreWithMessages(5);
        int pageSize;
        int messagesRoot;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA page_size")) {
                pageSize = rs.getInt(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = 'messages'")) {
                messagesRoot = rs.getInt(1);
            }
        }
        byte[] garbage = new byte[pageSize];
        new Random(11).nextBytes(garbage);
        try (RandomAccessFile f = new RandomAccessFile(db().toFile(), "rw")) {
            f.seek((long) (messagesRoot - 1) * pageSize);
            f.write(garbage);
        }
        byte[] damaged = Files.readAllBytes(db());

        StoreRecovery.Diagnosis d = new StoreRecovery().diagnose(data());
        assertThat(d.condition()).as(d.message()).isEqualTo(Condition.DAMAGED);
        assertThat(d.message()).contains(db().toString()).contains("damaged");
        try (Store store = Store.open(data())) {
            assertThatThrownBy(() -> store.messages().list(seeded.sessionId()))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.CORRUPT))
                    .hasMessageContaining(db().toString()).hasMessageContaining(seeded.sessionId());
        }
        assertThat(Files.readAllBytes(db())).isEqualTo(damaged);

        startFreshKeepsTheDamagedFileAside(damaged);
    }

    @Test
    void aStoreFromANewerVersionOpensReadOnlyAndIsNeverWritten() throws Exception {
        TortureFiles.Seeded seeded = closedStoreWithMessages(3);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (Schema.CURRENT + 1));
        }
        List<String> before = TortureFiles.fingerprint(data());

        try (Store store = Store.open(data())) {
            assertThat(store.isReadOnly()).isTrue();
            assertThat(store.readOnlyReason()).contains("newer SessionDesk").contains(db().toString());
            seeded.assertIntact(store); // still readable
            assertThatThrownBy(() -> store.messages().append(seeded.sessionId(), NewMessage.text(Role.USER, "x")))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.NEWER_SCHEMA))
                    .hasMessageContaining("nothing was changed");
        }
        StoreRecovery recovery = new StoreRecovery();
        assertThat(recovery.diagnose(data()).condition()).isEqualTo(Condition.NEWER_VERSION);
        assertThatThrownBy(() -> recovery.startFresh(data())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NEWER_VERSION");
        assertThat(TortureFiles.fingerprint(data())).isEqualTo(before);
    }

    @Test
    void aMissingDataFolderIsCreatedPrivateAndAHealthyStoreIsNeverSetAside() throws Exception {
        Path deep = dir.resolve("not/yet/there");
        StoreRecovery recovery = new StoreRecovery();
        assertThat(recovery.diagnose(deep).condition()).isEqualTo(Condition.MISSING);
        assertThat(deep).doesNotExist(); // diagnosing creates nothing
        try (Store store = Store.open(deep)) {
            TortureFiles.seed(store, 2, 1);
        }
        assertThat(Files.getPosixFilePermissions(deep)).isEqualTo(PrivateFiles.DIR);
        assertThat(Files.getPosixFilePermissions(deep.resolve(Store.FILE_NAME))).isEqualTo(PrivateFiles.FILE);
        assertThat(recovery.diagnose(deep).condition()).isEqualTo(Condition.HEALTHY);
        assertThatThrownBy(() -> recovery.startFresh(deep)).isInstanceOf(IllegalStateException.class);
        assertThat(deep.resolve(Store.FILE_NAME)).exists();
    }

    @Test
    @SuppressWarnings("try") // the read-only folder is held for its effect
    void aReadOnlyDataFolderOpensReadOnlyWithAClearReasonAndLosesNothing() throws Exception {
        TortureFiles.Seeded seeded = closedStoreWithMessages(4);
        List<String> before = TortureFiles.fingerprint(data());
        try (ReadOnlyFolder ro = ReadOnlyFolder.of(data())) {
            try (Store store = Store.open(data())) {
                assertThat(store.isReadOnly()).isTrue();
                assertThat(store.readOnlyReason()).contains(data().toString()).contains("read-only");
                seeded.assertIntact(store);
                assertThatThrownBy(() -> store.sessions().create(NewSession.blank()))
                        .isInstanceOfSatisfying(StoreException.class,
                                e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.READ_ONLY))
                        .hasMessageContaining(data().toString());
            }
            assertThat(new StoreRecovery().diagnose(data()).condition()).isEqualTo(Condition.READ_ONLY);
            Path inside = data().resolve("new-folder");
            assertThatThrownBy(() -> Store.open(inside))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.IO))
                    .hasMessageContaining(inside.toString());
        }
        assertThat(TortureFiles.fingerprint(data())).isEqualTo(before);
    }

    /** The way forward: the damaged bytes move aside untouched (0600) and a fresh store works. */
    private void startFreshKeepsTheDamagedFileAside(byte[] damaged) throws Exception {
        StoreRecovery recovery = new StoreRecovery();
        try (Store fresh = recovery.startFresh(data())) {
            String id = fresh.sessions().create(NewSession.titled("after recovery", null)).id();
            fresh.messages().append(id, NewMessage.text(Role.USER, "a fresh start"));
            assertThat(fresh.verifier().verifyAll(false).ok()).isTrue();
        }
        List<Path> aside;
        try (Stream<Path> files = Files.list(data())) {
            aside = files.filter(p -> p.getFileName().toString().matches("sessions\\.db\\.damaged-\\d{8}-\\d{6}")).toList();
        }
        assertThat(aside).hasSize(1);
        assertThat(Files.readAllBytes(aside.get(0))).isEqualTo(damaged);
        assertThat(Files.getPosixFilePermissions(aside.get(0))).isEqualTo(PrivateFiles.FILE);
        assertThat(Files.getPosixFilePermissions(db())).isEqualTo(PrivateFiles.FILE);
        assertThat(new StoreRecovery().diagnose(data()).condition()).isEqualTo(Condition.HEALTHY);
    }
}
