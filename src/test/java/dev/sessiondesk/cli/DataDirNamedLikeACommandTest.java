package dev.sessiondesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.Launcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 item 21: {@code --data-dir backup} is a folder named backup, not the backup command. */
class DataDirNamedLikeACommandTest {
    @TempDir
    Path tmp;

    @Test
    void aDataFolderNamedBackupIsAFolder() throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsessiondesk.logDir=" + tmp.resolve("logs"), "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "--data-dir", "backup", "new", "--title", "in the folder"))
                .directory(tmp.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(out).isNotBlank();
        assertThat(Files.isRegularFile(tmp.resolve("backup").resolve("sessions.db"))).isTrue();
    }
}
