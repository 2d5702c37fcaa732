package dev.sessiondesk.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.AppendResult;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second writer process that bypasses single-instance — the CLI's {@code add --jsonl -} in its own
 * JVM — appends to a session while the app's own writer appends to the same session and another one.
 * SQLite's lock serialises them; nothing may be corrupted, lost, duplicated or left with a gap.
 */
class SecondWriterProcessTest {
    private static final int CLI_MESSAGES = 40;
    private static final int APP_MESSAGES = 40;

    @Test
    void theCliAppendingBesideTheAppCorruptsNothing(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("sessiondesk.torture.seed", System.nanoTime());
        try {
            run(dir, seed);
        } catch (AssertionError | Exception e) {
            throw new AssertionError("second writer failed with seed " + seed + ": " + e.getMessage(), e);
        }
    }

    private void run(Path dir, long seed) throws Exception {
        Path data = dir.resolve("data");
        Random r = new Random(seed);
        try (SessionDesk desk = SessionDesk.open(data)) {
            String shared = desk.sessions().create("shared", null).id();
            String other = desk.sessions().create("other", null).id();

            List<NewMessage> cliMessages = new ArrayList<>();
            for (int i = 0; i < CLI_MESSAGES; i++) {
                cliMessages.add(TortureText.message(r, shared, Role.USER, "cli " + i));
            }
            Process cli = ChildJvm.builder(dir.resolve("logs"), "dev.sessiondesk.Launcher", "--data-dir", data.toString(),
                    "add", shared, "--jsonl", "-").redirectError(ProcessBuilder.Redirect.appendTo(
                    dir.resolve("cli-stderr.txt").toFile())).start();
            CompletableFuture<Map<Integer, String>> cliAcks = CompletableFuture.supplyAsync(() -> feed(cli, cliMessages));

            Map<String, Map<Integer, String>> appAcks = new TreeMap<>();
            for (int i = 0; i < APP_MESSAGES; i++) {
                String target = i % 2 == 0 ? shared : other;
                NewMessage m = TortureText.message(r, target, Role.ASSISTANT, "app " + i);
                AppendResult a = desk.sessions().append(target, m);
                appAcks.computeIfAbsent(target, k -> new TreeMap<>()).put(a.seq(), TortureText.canonical(m));
            }
            Map<Integer, String> fromCli = cliAcks.get(120, TimeUnit.SECONDS);
            assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(cli.exitValue()).as("the CLI's exit code").isZero();
            assertThat(fromCli).hasSize(CLI_MESSAGES);

            Store store = desk.store();
            List<Message> sharedNow = store.messages().list(shared);
            assertThat(sharedNow).hasSize(CLI_MESSAGES + APP_MESSAGES / 2);
            for (int i = 0; i < sharedNow.size(); i++) {
                assertThat(sharedNow.get(i).seq()).as("gap-free seqs").isEqualTo(i + 1);
            }
            fromCli.forEach((seq, canonical) -> assertThat(TortureText.canonical(sharedNow.get(seq - 1).body()))
                    .as("CLI message at seq " + seq).isEqualTo(canonical));
            appAcks.forEach((session, acks) -> acks.forEach((seq, canonical) -> assertThat(
                    TortureText.canonical(store.messages().get(session, seq).orElseThrow().body()))
                    .as("app message " + seq + " of " + session).isEqualTo(canonical)));
            // The CLI's messages went in in the order it read them.
            List<Integer> cliSeqs = new ArrayList<>(fromCli.keySet());
            assertThat(cliSeqs).isSorted();
            assertThat(store.messages().list(other)).hasSize(APP_MESSAGES / 2);
        }
        try (Store fresh = Store.open(data)) {
            StoreReport report = fresh.verifier().verifyAll(false);
            assertThat(report.ok()).as(report.sqliteCheck() + " " + report.problems()).isTrue();
        }
    }

    /** Writes one Goose JSON line at a time and reads the CLI's "seq hash" acknowledgement of it. */
    private static Map<Integer, String> feed(Process cli, List<NewMessage> messages) {
        Map<Integer, String> acks = new TreeMap<>();
        try (OutputStream in = cli.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
            for (NewMessage m : messages) {
                in.write((CanonicalJson.write(GooseMessages.toJson(m)) + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                String line = out.readLine();
                if (line == null) {
                    throw new AssertionError("the CLI stopped acknowledging after " + acks.size() + " messages");
                }
                String[] parts = line.split(" ");
                acks.put(Integer.parseInt(parts[0]), TortureText.canonical(m));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return acks;
    }
}
