package dev.sessiondesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 7: a data folder the user made 0500 was silently made 0700 again (and written). It
 * now stays 0500 and the store opens read-only, saying why; a too-open folder is still tightened.
 */
class ReadOnlyDataFolderTest {
    @TempDir
    Path tmp;

    @AfterEach
    void writableAgain() throws Exception {
        Files.setPosixFilePermissions(tmp.resolve("data"), PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aFolderTheUserMade0500StaysSoAndTheStoreOpensReadOnlySayingWhy() throws Exception {
        Path data = tmp.resolve("data");
        String id;
        try (Store store = Store.open(data)) {
            id = store.sessions().create(NewSession.titled("kept", null)).id();
            store.checkpoint();
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-x------"));
        try (Store store = Store.open(data)) {
            assertThat(store.isReadOnly()).isTrue();
            assertThat(store.readOnlyReason()).contains("the data folder " + data.toAbsolutePath() + " is read-only")
                    .contains("nothing can be saved");
            assertThat(store.sessions().get(id)).get().extracting(s -> s.title()).isEqualTo("kept");
            assertThatThrownBy(() -> store.sessions().create(NewSession.blank())).isInstanceOf(StoreException.class);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("r-x------");
    }

    @Test
    void aFolderOpenToOthersIsStillTightenedTo0700() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        try (Store store = Store.open(data)) {
            assertThat(store.isReadOnly()).isFalse();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
    }
}
