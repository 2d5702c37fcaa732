package dev.sessiondesk.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.store.PrivateFiles;
import dev.sessiondesk.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file the app creates in the data folder is private (P9), even when the user's umask is
 * wide open: the CLI runs in a child JVM under {@code umask 000} while the store grows a WAL.
 */
class PrivateFilesTortureTest {

    @Test
    void everyFileInTheDataFolderIsPrivateEvenUnderAnOpenUmask(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("fresh/data");
        String id = cli(dir, data, "new", "--title", "private");
        cli(dir, data, "add", id, "--role", "user", "--text", "a message");
        // While the app has the store open, its -wal and -shm exist too.
        try (Store store = Store.open(data)) {
            store.messages().append(id, dev.sessiondesk.model.NewMessage.text(dev.sessiondesk.model.Role.USER, "open"));
            assertPrivate(data);
            assertThat(data.resolve(Store.FILE_NAME + "-wal")).exists();
        }
        assertPrivate(data);
        assertThat(Files.getPosixFilePermissions(dir.resolve("fresh"))).as("a parent folder the app created")
                .isEqualTo(PrivateFiles.DIR);
    }

    private static void assertPrivate(Path data) throws Exception {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> all = Files.walk(data)) {
            for (Path p : all.toList()) {
                var want = Files.isDirectory(p) ? PrivateFiles.DIR : PrivateFiles.FILE;
                var got = Files.getPosixFilePermissions(p);
                if (!got.equals(want)) {
                    wrong.add(data.relativize(p) + " is " + PosixFilePermissions.toString(got));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** Runs the real CLI in a child JVM with umask 000 and returns its standard output (trimmed). */
    private static String cli(Path dir, Path data, String... args) throws Exception {
        ProcessBuilder java = ChildJvm.builder(dir.resolve("logs"), "dev.sessiondesk.Launcher", "--data-dir", data.toString());
        List<String> command = new ArrayList<>(java.command());
        command.addAll(List.of(args));
        StringBuilder shell = new StringBuilder("umask 000 && exec");
        for (String c : command) {
            shell.append(" '").append(c.replace("'", "'\\''")).append("'");
        }
        Process p = new ProcessBuilder("sh", "-c", shell.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("cli-stderr.txt").toFile())).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("sessiondesk " + String.join(" ", args) + " → " + out).isZero();
        return out;
    }
}
