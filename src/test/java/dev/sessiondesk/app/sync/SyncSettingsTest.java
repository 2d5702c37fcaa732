package dev.sessiondesk.app.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.store.remote.RemoteEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where sync finds the server and the password; the password never shows in the endpoint's text. */
class SyncSettingsTest {
    @TempDir
    Path dir;

    private RemoteEndpoint load(Map<String, String> env) {
        return SyncSettings.load(env, dir.resolve("config"), dir.resolve("home")).orElseThrow();
    }

    @Test
    void aLibpqUriBecomesAJdbcUrlKeepingSslmodeAndTheUserAndPasswordStayOutOfIt() {
        RemoteEndpoint e = load(Map.of(SyncSettings.ENV_URL,
                "postgresql://alice:s%40cret@db.example.org:6543/notes?sslmode=verify-full&sslrootcert=/etc/ca.pem"));
        assertThat(e.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:6543/notes?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem");
        assertThat(e.user()).isEqualTo("alice");
        assertThat(e.password()).isEqualTo("s@cret");
        assertThat(e.toString()).doesNotContain("s@cret").doesNotContain("cret").contains("db.example.org:6543/notes");
    }

    @Test
    void aJdbcUrlWithAPasswordParameterHasItRemovedFromTheUrl() {
        RemoteEndpoint e = load(Map.of(SyncSettings.ENV_URL, "jdbc:postgresql://h:5432/db?user=bob&password=pw1&sslmode=require"));
        assertThat(e.jdbcUrl()).doesNotContain("pw1").contains("sslmode=require");
        assertThat(e.password()).isEqualTo("pw1");
        assertThat(e.user()).isEqualTo("bob");
    }

    @Test
    void thePasswordComesFromPgpasswordThenPgpassThenTheSavedFile() throws Exception {
        Map<String, String> env = Map.of(SyncSettings.ENV_URL, "postgresql://carol@h:5433/db");
        assertThat(load(env).password()).isNull();
        SyncSettings.save(dir.resolve("config"), "postgresql://ignored@x/y", "from-the-dialog");
        assertThat(Files.getPosixFilePermissions(dir.resolve("config").resolve(SyncSettings.PASSWORD_FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(load(env).password()).isEqualTo("from-the-dialog");
        Path pgpass = dir.resolve("home").resolve(".pgpass");
        Files.createDirectories(pgpass.getParent());
        Files.writeString(pgpass, "other:5433:db:carol:wrong\nh:5433:*:carol:from-pgpass\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        assertThat(load(env).password()).isEqualTo("from-pgpass");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(load(env).password()).as("a world-readable .pgpass is ignored, as libpq does").isEqualTo("from-the-dialog");
        assertThat(load(Map.of(SyncSettings.ENV_URL, "postgresql://carol@h:5433/db", "PGPASSWORD", "from-env")).password())
                .isEqualTo("from-env");
        assertThat(Files.readString(dir.resolve("config").resolve(SyncSettings.FILE))).doesNotContain("from-the-dialog");
    }

    @Test
    void aSavedPasswordFileOthersCanReadIsRefusedWithTheFixInTheMessage() throws Exception {
        SyncSettings.save(dir.resolve("config"), "postgresql://dave@h/db", "pw");
        Path f = dir.resolve("config").resolve(SyncSettings.PASSWORD_FILE);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> load(Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("chmod 600");
    }

    @Test
    void aUrlThatIsNotPostgresSaysWhatItMustLookLikeAndWhereItCameFrom() {
        assertThatThrownBy(() -> load(Map.of(SyncSettings.ENV_URL, "mysql://x/y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SyncSettings.ENV_URL).hasMessageContaining("postgresql://");
        assertThat(SyncSettings.load(Map.of(), dir.resolve("config"), dir)).isEmpty();
    }
}
