package dev.sessiondesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.Launcher;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 item 13: a command whose standard output cannot be written (here /dev/full) exits 1 with one line. */
class StdoutWriteErrorTest {
    @TempDir
    static Path tmp;
    static Path data;
    static String id;

    @BeforeAll
    static void seed() {
        data = tmp.resolve("data");
        try (Store store = Store.open(data)) {
            id = store.sessions().create(NewSession.blank()).id();
            store.messages().append(id, NewMessage.text(Role.USER, "x".repeat(20_000)));
        }
    }

    private static void assertFailsIntoDevFull(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsessiondesk.logDir=" + tmp.resolve("logs"), "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "--data-dir", data.toString()));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(new File("/dev/full")).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s: %s", args[0], stderr).isEqualTo(1);
        assertThat(stderr.strip().lines()).as(stderr).hasSize(1);
        assertThat(stderr).contains("cannot write to standard output");
    }

    @Test
    void showListExportAndAddExitOneIntoAFullDevice() throws Exception {
        assertFailsIntoDevFull("show", id);
        assertFailsIntoDevFull("list");
        assertFailsIntoDevFull("export", id, "--format", "json");
        assertFailsIntoDevFull("add", id, "--role", "user", "--text", "still saved");
    }
}
