package dev.sessiondesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.Launcher;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sessiondesk add ID --jsonl -} in a real child process: each "seq hash" line arrives only
 * after its message is committed, so a script knows exactly what is saved, line by line.
 */
class StreamingAddProcessTest {
    @TempDir
    Path tmp;

    @Test
    void eachAcknowledgedLineIsAlreadyInTheStoreAndABadLineIsNamed() throws Exception {
        Path data = tmp.resolve("data");
        String id;
        try (Store store = Store.open(data)) {
            id = store.sessions().create(NewSession.blank()).id();
        }
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsessiondesk.logDir=" + tmp.resolve("logs"), "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "--data-dir", data.toString(), "add", id, "--jsonl", "-").start();
        try (Store reader = Store.open(data);
             PrintWriter in = new PrintWriter(cli.getOutputStream(), true, StandardCharsets.UTF_8);
             BufferedReader out = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
            for (int i = 1; i <= 5; i++) {
                in.println("{\"role\":\"" + (i % 2 == 1 ? "user" : "assistant") + "\",\"created\":1704110400,"
                        + "\"content\":[{\"type\":\"text\",\"text\":\"line " + i + "\"}]}");
                String ack = out.readLine();
                assertThat(ack).matches(i + " [0-9a-f]{64}");
                // The child is still running and waiting for more input: the message is already durable.
                assertThat(reader.messages().get(id, i)).isPresent();
                assertThat(reader.sessions().require(id).headHash()).isEqualTo(ack.split(" ")[1]);
            }
            in.println("{\"role\":\"user\",\"content\":\"not an array\"}");
            in.close();
            assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(cli.exitValue()).isEqualTo(2);
            String err = new String(cli.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(err).contains("standard input line 6").contains("$.content");
            assertThat(reader.messages().list(id)).hasSize(5);
            assertThat(reader.verifier().verifySession(id).ok()).isTrue();
        } finally {
            cli.destroyForcibly();
        }
    }
}
