package dev.sessiondesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promise P2: another process sees each message the moment append returns, while the writer stays open. */
class SecondProcessVisibilityTest {
    @TempDir
    Path dir;

    @Test
    void aSecondJvmReadsEachMessageRightAfterAppendReturns() throws Exception {
        try (Store store = Store.open(dir)) {
            Session s = store.sessions().create(NewSession.blank());
            Process reader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SecondProcessReader.class.getName(),
                    store.dbFile().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (PrintWriter ask = new PrintWriter(reader.getOutputStream(), true, StandardCharsets.UTF_8);
                 BufferedReader answers = new BufferedReader(new InputStreamReader(reader.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(answers.readLine()).isEqualTo("ready");
                for (int i = 1; i <= 25; i++) {
                    AppendResult r = store.messages().append(s.id(), NewMessage.text(Role.USER, "visible " + i));
                    ask.println(s.id() + " " + r.seq());
                    assertThat(answers.readLine()).as("message %d right after append returned", i)
                            .isEqualTo("found [{\"text\":\"visible " + i + "\",\"type\":\"text\"}]");
                }
            } finally {
                reader.destroy();
                reader.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theSqlite3ShellSeesTheMessageWhileTheAppKeepsTheStoreOpen() throws Exception {
        Path sqlite3 = List.of(Path.of("/usr/bin/sqlite3"), Path.of("/usr/local/bin/sqlite3")).stream()
                .filter(Files::isExecutable).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(sqlite3 != null, "the sqlite3 shell is not installed");
        try (Store store = Store.open(dir)) {
            Session s = store.sessions().create(NewSession.blank());
            for (int i = 1; i <= 3; i++) {
                store.messages().append(s.id(), NewMessage.text(Role.ASSISTANT, "shell " + i));
                Process p = new ProcessBuilder(sqlite3.toString(), store.dbFile().toString(),
                        "SELECT count(*) FROM messages WHERE session_id = '" + s.id() + "'").start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(out).isEqualTo(String.valueOf(i));
            }
        }
    }
}
