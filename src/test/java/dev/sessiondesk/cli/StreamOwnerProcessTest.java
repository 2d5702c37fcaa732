package dev.sessiondesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.assistant.FakeChatServer;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 items 14 and 17 with real processes: a streaming reply records its owner and last
 * checkpoint, so readers tell a live reply from one whose {@code ask} was killed, the next CLI writer
 * ends the dead one, and an {@code add} that ends a live {@code ask}'s reply keeps all it printed.
 */
class StreamOwnerProcessTest {
    @TempDir
    Path dir;

    private Process startAsk(Path data, String sessionId, String endpoint, Path stdout) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dsessiondesk.logDir=" + dir.resolve("logs"),
                "dev.sessiondesk.Launcher", "--data-dir", data.toString(), "ask", sessionId, "count",
                "--endpoint", endpoint));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("SESSIONDESK_API_KEY");
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        pb.redirectOutput(stdout.toFile());
        pb.redirectError(dir.resolve("ask.err").toFile());
        return pb.start();
    }

    private static List<String> tokens(int n) {
        return IntStream.range(0, n).mapToObj(i -> "w" + i + " ").toList();
    }

    @Test
    void aKilledAsksReplyReadsAsInterruptedAndTheNextCliWriterEndsIt() throws Exception {
        Path data = dir.resolve("data");
        String id;
        String other;
        try (Store store = Store.open(data)) {
            id = store.sessions().create(NewSession.blank()).id();
            other = store.sessions().create(NewSession.blank()).id();
        }
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(tokens(2000), Duration.ofMillis(20)));
             Connection raw = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Store.FILE_NAME))) {
            Process ask = startAsk(data, id, server.baseUrl(), dir.resolve("ask.out"));
            try {
                awaitStreamingText(raw, id, ask);
                // Live: the owner is recorded and every reader sees the reply as streaming.
                try (PreparedStatement ps = raw.prepareStatement("SELECT o.pid, o.host, o.process_start,"
                        + " o.last_checkpoint_at FROM stream_owners o JOIN messages m ON m.id = o.message_row"
                        + " WHERE m.session_id = ? AND m.state = 'streaming'");) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).as("an owner row for the streaming reply").isTrue();
                        assertThat(rs.getLong(1)).isEqualTo(ask.pid());
                        assertThat(rs.getString(2)).isNotBlank();
                        assertThat(rs.getLong(3)).isCloseTo(ask.info().startInstant().orElseThrow().toEpochMilli(),
                                org.assertj.core.data.Offset.offset(1_000L));
                        assertThat(rs.getLong(4)).isGreaterThan(System.currentTimeMillis() - 10_000);
                    }
                }
                assertThat(lastState(data, id)).isEqualTo(MessageState.STREAMING);
            } finally {
                ask.destroyForcibly(); // SIGKILL: nothing ends the reply
                assertThat(ask.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            // Dead owner: readers say interrupted at once, though the row still says streaming.
            assertThat(lastState(data, id)).isEqualTo(MessageState.INTERRUPTED);
            assertThat(rawState(raw, id)).isEqualTo("streaming");

            // Any CLI writer, here one that touches another session, ends the dead owner's reply.
            try (CliChild rename = CliChild.start(dir.resolve("logs"), "--data-dir", data.toString(), "rename", other,
                    "elsewhere")) {
                assertThat(rename.finish()).as(rename.stderr()).isZero();
            }
            assertThat(rawState(raw, id)).isEqualTo("interrupted");
        }
    }

    @Test
    void addEndingALiveAsksReplyKeepsEverythingTheAskPrinted() throws Exception {
        Path data = dir.resolve("data");
        String id;
        try (Store store = Store.open(data)) {
            id = store.sessions().create(NewSession.blank()).id();
        }
        Path askOut = dir.resolve("ask.out");
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(tokens(4000), Duration.ofMillis(4)));
             Connection raw = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Store.FILE_NAME))) {
            Process ask = startAsk(data, id, server.baseUrl(), askOut);
            try {
                awaitStreamingText(raw, id, ask);
                Thread.sleep(700); // several checkpoints in: text is printed between them all the time
                try (CliChild add = CliChild.start(dir.resolve("logs"), "--data-dir", data.toString(), "add", id,
                        "--role", "user", "--text", "wait, one more thing")) {
                    assertThat(add.finish()).as(add.stderr()).isZero();
                }
                assertThat(ask.waitFor(60, TimeUnit.SECONDS)).as("the ask ends once its reply was ended").isTrue();
            } finally {
                ask.destroyForcibly();
            }
        }
        String printed = Files.readString(askOut, StandardCharsets.UTF_8).strip();
        assertThat(printed).isNotEmpty();
        try (Store store = Store.openReadOnly(data.resolve(Store.FILE_NAME))) {
            List<Message> messages = store.messages().list(id);
            assertThat(messages).hasSize(3);
            Message reply = messages.get(1);
            assertThat(reply.state()).isEqualTo(MessageState.INTERRUPTED);
            assertThat(ContentItems.plainText(messages.get(2).contentJson())).isEqualTo("wait, one more thing");
            // Everything the ask showed its user is saved (it may hold one more token it had not printed yet).
            assertThat(ContentItems.plainText(reply.contentJson()).strip()).startsWith(printed);
            assertThat(store.verifier().verifySession(id).ok()).isTrue();
        }
    }

    private static void awaitStreamingText(Connection raw, String id, Process ask) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && ask.isAlive()) {
            try (PreparedStatement ps = raw.prepareStatement(
                    "SELECT content_json FROM messages WHERE session_id = ? AND state = 'streaming'")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && !ContentItems.plainText(rs.getString(1)).isEmpty()) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the ask never streamed (alive: " + ask.isAlive() + ")");
    }

    private static MessageState lastState(Path data, String id) {
        try (Store reader = Store.openReadOnly(data.resolve(Store.FILE_NAME))) {
            List<Message> all = reader.messages().list(id);
            return all.get(all.size() - 1).state();
        }
    }

    private static String rawState(Connection raw, String id) throws Exception {
        try (PreparedStatement ps = raw.prepareStatement(
                "SELECT state FROM messages WHERE session_id = ? ORDER BY seq DESC LIMIT 1")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
