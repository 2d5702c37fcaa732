package dev.sessiondesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.Launcher;
import dev.sessiondesk.app.backup.BackupService;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 12: {@code restore ID} brings a session back from the trash even when a file named ID
 * is in the current folder; {@code restore --backup FILE} restores the store; a path keeps working
 * with a note naming the new form.
 */
class RestoreArgumentTest {
    @TempDir
    Path tmp;

    private record Result(int exit, String out, String err) { }

    private Result run(Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsessiondesk.logDir=" + tmp.resolve("logs"), "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "--data-dir", tmp.resolve("data").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    @Test
    void restoreIdUsesTheTrashEvenWithAFileOfThatNameHere() throws Exception {
        Path data = tmp.resolve("data");
        String id;
        try (Store store = Store.open(data)) {
            id = store.sessions().create(NewSession.blank()).id();
        }
        Path backup = new BackupService(data).backup("empty session", Progress.NONE).file();
        try (Store store = Store.open(data)) {
            store.messages().append(id, NewMessage.text(Role.USER, "written after the backup"));
            store.sessions().trash(id);
        }
        Path cwd = Files.createDirectory(tmp.resolve("cwd"));
        Files.copy(backup, cwd.resolve(id)); // a backup that happens to carry the session's name

        Result r = run(cwd, "restore", id);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("restored " + id);
        try (Store store = Store.openReadOnly(data.resolve(Store.FILE_NAME))) {
            assertThat(store.sessions().require(id).inTrash()).isFalse();
            assertThat(store.messages().list(id)).hasSize(1); // the store was not replaced by the file
        }

        Result byFlag = run(cwd, "restore", "--backup", cwd.resolve(id).toString());
        assertThat(byFlag.exit()).as(byFlag.err()).isZero();
        assertThat(byFlag.out()).contains("restored 1 sessions, 0 messages");

        Result byPath = run(cwd, "restore", "./" + id);
        assertThat(byPath.exit()).as(byPath.err()).isZero();
        assertThat(byPath.err()).contains("restore --backup ./" + id);
    }
}
