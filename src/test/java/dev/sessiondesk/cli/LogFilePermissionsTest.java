package dev.sessiondesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.Launcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 item 7: sessiondesk.log is 0600 (in its 0700 folder), not world-readable. */
class LogFilePermissionsTest {
    @TempDir
    Path tmp;

    @Test
    void theLogFileIsPrivate() throws Exception {
        Path logs = tmp.resolve("logs");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsessiondesk.logDir=" + logs, "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "--data-dir", tmp.resolve("data").toString(), "list")).inheritIO().start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Path log = logs.resolve("sessiondesk.log");
        assertThat(log).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs))).isEqualTo("rwx------");
    }
}
