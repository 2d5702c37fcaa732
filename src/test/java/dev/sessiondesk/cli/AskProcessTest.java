package dev.sessiondesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.SessionExporter;
import dev.sessiondesk.app.assistant.FakeChatServer;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.store.HashChain;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sessiondesk ask} in a real child JVM: killed mid-reply, and with a real API key in play. */
class AskProcessTest {
    @TempDir
    Path dir;

    private Process startAsk(Path data, Path logs, String key, String... askArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dsessiondesk.logDir=" + logs,
                // The shipped logging setup, not the tests' logback-test.xml that is on this class path too.
                "-Dlogback.configurationFile=logback.xml",
                "dev.sessiondesk.Launcher", "--data-dir", data.toString(), "ask"));
        cmd.addAll(List.of(askArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("SESSIONDESK_ENDPOINT");
        pb.environment().remove("SESSIONDESK_MODEL");
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        if (key != null) {
            pb.environment().put("SESSIONDESK_API_KEY", key);
        } else {
            pb.environment().remove("SESSIONDESK_API_KEY");
        }
        pb.redirectOutput(dir.resolve("ask-" + UUID.randomUUID() + ".out").toFile());
        pb.redirectError(dir.resolve("ask-" + UUID.randomUUID() + ".err").toFile());
        return pb.start();
    }

    private static String newSession(Path data) {
        try (Store store = Store.open(data)) {
            return store.sessions().create(NewSession.blank()).id();
        }
    }

    @Test
    void killingAskMidReplyLeavesThePartialWhichIsMarkedInterruptedAtTheNextStart() throws Exception {
        Path data = dir.resolve("data");
        String sessionId = newSession(data);
        List<String> tokens = IntStream.range(0, 400).mapToObj(i -> "w" + i + " ").toList();
        String full = String.join("", tokens);
        String seenPartial = null;
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(tokens, Duration.ofMillis(25)));
             Connection reader = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Store.FILE_NAME))) {
            Process ask = startAsk(data, dir.resolve("logs"), null, sessionId, "count", "slowly",
                    "--endpoint", server.baseUrl());
            try {
                // Wait until the child has checkpointed at least twice (two different saved lengths).
                List<Integer> lengths = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (lengths.size() < 3 && System.nanoTime() < deadline && ask.isAlive()) {
                    String text = streamingText(reader, sessionId);
                    if (text != null && (lengths.isEmpty() || lengths.get(lengths.size() - 1) != text.length())) {
                        lengths.add(text.length());
                    }
                    Thread.sleep(20);
                }
                assertThat(ask.isAlive()).as("ask still streaming").isTrue();
                assertThat(lengths).as("saved lengths seen while streaming").hasSizeGreaterThanOrEqualTo(3);
            } finally {
                ask.destroyForcibly(); // SIGKILL: no shutdown hook, no finishing write
                assertThat(ask.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            seenPartial = streamingText(reader, sessionId);
        }
        assertThat(seenPartial).as("the partial survives the kill, still marked streaming").isNotNull();
        assertThat(full).startsWith(seenPartial);
        assertThat(seenPartial.length()).isLessThan(full.length());

        try (SessionDesk desk = SessionDesk.open(data)) {
            assertThat(desk.replies().recoverAbandonedReplies()).isEqualTo(1);
            List<Message> stored = desk.store().messages().list(sessionId);
            assertThat(stored).hasSize(2);
            assertThat(ContentItems.plainText(stored.get(0).contentJson())).isEqualTo("count slowly");
            Message partial = stored.get(1);
            assertThat(partial.state()).isEqualTo(MessageState.INTERRUPTED);
            assertThat(ContentItems.plainText(partial.contentJson())).isEqualTo(seenPartial);
            assertThat(partial.hash()).isEqualTo(HashChain.next(stored.get(0).hash(), partial.body()));
            assertThat(desk.store().verifier().verifySession(sessionId).ok()).isTrue();
            assertThat(desk.store().verifier().verifySession(sessionId).messagesChecked()).isEqualTo(2);
        }
    }

    @Test
    void terminatingAskMidReplyStopsItAndKeepsThePartialAsStopped() throws Exception {
        Path data = dir.resolve("data");
        String sessionId = newSession(data);
        List<String> tokens = IntStream.range(0, 400).mapToObj(i -> "w" + i + " ").toList();
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(tokens, Duration.ofMillis(25)));
             Connection reader = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Store.FILE_NAME))) {
            Process ask = startAsk(data, dir.resolve("logs"), null, sessionId, "go", "--endpoint", server.baseUrl());
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (streamingText(reader, sessionId) == null && System.nanoTime() < deadline && ask.isAlive()) {
                    Thread.sleep(20);
                }
                assertThat(streamingText(reader, sessionId)).isNotNull();
            } finally {
                ask.destroy(); // SIGTERM (as Ctrl+C): the shutdown hook stops the reply and saves it
                assertThat(ask.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
        try (Store store = Store.open(data)) {
            Message reply = store.messages().get(sessionId, 2).orElseThrow();
            assertThat(reply.state()).isEqualTo(MessageState.STOPPED);
            String kept = ContentItems.plainText(reply.contentJson());
            assertThat(kept).startsWith("w0 ");
            assertThat(String.join("", tokens)).startsWith(kept).isNotEqualTo(kept);
            assertThat(store.verifier().verifySession(sessionId).ok()).isTrue();
        }
    }

    private static String streamingText(Connection c, String sessionId) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT content_json FROM messages WHERE session_id = ? AND seq = 2 AND state = 'streaming'")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? ContentItems.plainText(rs.getString(1)) : null;
            }
        }
    }

    @Test
    void theApiKeyNeverReachesTheStoreTheLogOrAnExport() throws Exception {
        Path data = dir.resolve("data");
        Path logs = dir.resolve("logs");
        String sessionId = newSession(data);
        String key = "sk-test-" + UUID.randomUUID();

        // A server that rejects the key and, like some real ones, repeats it in its error.
        try (FakeChatServer rejecting = FakeChatServer.start(FakeChatServer.status(401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + key + "\"}}"))) {
            Process ask = startAsk(data, logs, key, sessionId, "first try", "--endpoint", rejecting.baseUrl());
            assertThat(ask.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(ask.exitValue()).isEqualTo(2);
            assertThat(rejecting.authorizations).containsExactly("Bearer " + key);
        }
        try (FakeChatServer accepting = FakeChatServer.start(FakeChatServer.streaming(List.of("fine ", "now"), Duration.ZERO))) {
            Process ask = startAsk(data, logs, key, sessionId, "second try", "--endpoint", accepting.baseUrl());
            assertThat(ask.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(ask.exitValue()).isZero();
            assertThat(accepting.authorizations).contains("Bearer " + key);
        }
        String errors = Files.readString(onlyFile(dir, ".err", 0));
        assertThat(errors).contains("rejected the API key (HTTP 401)").doesNotContain(key);

        Path log = logs.resolve("sessiondesk.log");
        assertThat(Files.readString(log)).as("the failure was logged").contains("rejected the API key");
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.walk(data), Files.walk(logs))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).anySatisfy(p -> assertThat(p.getFileName().toString()).isEqualTo(Store.FILE_NAME));
        byte[] needle = key.getBytes(StandardCharsets.UTF_8);
        for (Path p : files) {
            assertThat(contains(Files.readAllBytes(p), needle)).as(p.toString()).isFalse();
        }
        try (SessionDesk desk = SessionDesk.open(data)) {
            assertThat(desk.store().messages().list(sessionId)).hasSize(3); // both questions and the answer
            for (SessionExporter.Format f : SessionExporter.Format.values()) {
                assertThat(desk.exporter().export(sessionId, f)).doesNotContain(key);
            }
        }
    }

    private static Path onlyFile(Path dir, String suffix, int index) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> matches = list.filter(p -> p.toString().endsWith(suffix))
                    .filter(p -> p.toFile().length() > 0).sorted().toList();
            return matches.get(index);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
