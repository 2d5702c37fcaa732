package dev.sessiondesk.app.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.app.assistant.AssistantException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 items 20 and 21: one huge stream line is read in linear time (it used to be cut off as
 * "stopped sending" although it had arrived at once), and a line, a reply's text and a reply's time
 * each have a limit that stops the reply with a message naming it, keeping the text that came before.
 */
class StreamLimitsTest {
    private static final List<ChatTurn> HELLO = List.of(ChatTurn.user("Hello there"));
    private static final String DONE = "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

    private static OpenAiCompatibleAssistant client(String baseUrl, StreamLimits limits) {
        return new OpenAiCompatibleAssistant(AssistantSettings.endpoint(baseUrl, "m", "")
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20)), "", limits);
    }

    /** A server whose reply is one event of {@code chars} characters, written at once. */
    private static FakeChatServer oneLineOf(int chars) throws Exception {
        String line = FakeChatServer.chunk("é".repeat(chars / 2) + "x".repeat(chars - chars / 2));
        return FakeChatServer.start((ex, s) -> {
            FakeChatServer.startStream(ex);
            FakeChatServer.write(ex, line + DONE);
        });
    }

    private static long millisToRead(int chars) throws Exception {
        try (FakeChatServer server = oneLineOf(chars)) {
            StringBuilder text = new StringBuilder();
            long start = System.nanoTime();
            client(server.baseUrl(), StreamLimits.DEFAULT).streamReply(HELLO, text::append, new Cancellation());
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(text.length()).isEqualTo(chars);
            return ms;
        }
    }

    @Test
    void aTenMegabyteLineArrivesWholeAndTheTimeGrowsLinearly() throws Exception {
        millisToRead(1 << 20); // warm up
        long one = Math.min(millisToRead(1 << 20), millisToRead(1 << 20));
        long four = Math.min(millisToRead(4 << 20), millisToRead(4 << 20));
        long ten = millisToRead(10 << 20);
        System.out.printf("SSE one line: 1 MB %d ms, 4 MB %d ms, 10 MB %d ms%n", one, four, ten);
        // Linear: 4 MB takes about four times 1 MB; the JDK's line subscriber took about sixteen times.
        assertThat(four).as("1 MB in %d ms, 4 MB in %d ms", one, four).isLessThan(Math.max(8 * one, 400));
        assertThat(ten).isLessThan(10_000);
    }

    @Test
    void aLineAboveTheLimitStopsTheReplyNamingTheSizeAndKeepsTheTextBefore() throws Exception {
        String huge = FakeChatServer.chunk("y".repeat(3 << 20));
        try (FakeChatServer server = FakeChatServer.start((ex, s) -> {
            FakeChatServer.startStream(ex);
            FakeChatServer.write(ex, FakeChatServer.chunk("kept ") + FakeChatServer.chunk("too ") + huge + DONE);
        })) {
            List<String> deltas = new ArrayList<>();
            StreamLimits limits = new StreamLimits(1 << 20, StreamLimits.DEFAULT.maxReplyChars(), Duration.ofMinutes(1));
            assertThatThrownBy(() -> client(server.baseUrl(), limits).streamReply(HELLO, deltas::add, new Cancellation()))
                    .isInstanceOfSatisfying(AssistantException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LONG))
                    .hasMessageContaining("sent a stream line longer than 1 MB (line 5)")
                    .hasMessageContaining("The text so far is kept");
            assertThat(deltas).containsExactly("kept ", "too ");
        }
    }

    @Test
    void linesEndedByCrOrCrlfWithCharactersSplitAcrossWritesReadTheSame() throws Exception {
        byte[] body = (FakeChatServer.chunk("grüß €😀 ").replace("\n", "\r\n") + FakeChatServer.chunk("two").replace("\n", "\r")
                + DONE).getBytes(StandardCharsets.UTF_8);
        try (FakeChatServer server = FakeChatServer.start((ex, s) -> {
            FakeChatServer.startStream(ex);
            for (byte b : body) { // one byte per write: every multi-byte character is split
                ex.getResponseBody().write(b);
                ex.getResponseBody().flush();
            }
        })) {
            List<String> deltas = new ArrayList<>();
            client(server.baseUrl(), StreamLimits.DEFAULT).streamReply(HELLO, deltas::add, new Cancellation());
            assertThat(deltas).containsExactly("grüß €😀 ", "two");
        }
    }

    @Test
    void aNeverEndingStreamStopsAtTheSizeLimitWithTheTextUpToIt() throws Exception {
        try (FakeChatServer server = FakeChatServer.start((ex, s) -> {
            FakeChatServer.startStream(ex);
            while (!s.sleepOrClose(Duration.ofMillis(1))) {
                FakeChatServer.write(ex, FakeChatServer.chunk("0123456789".repeat(7)));
            }
        })) {
            StringBuilder text = new StringBuilder();
            StreamLimits limits = new StreamLimits(1 << 20, 1000, Duration.ofMinutes(1));
            assertThatThrownBy(() -> client(server.baseUrl(), limits).streamReply(HELLO, text::append, new Cancellation()))
                    .isInstanceOfSatisfying(AssistantException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LONG))
                    .hasMessageContaining("sent more than 1000 characters of text, SessionDesk's limit for one reply");
            assertThat(text.length()).isEqualTo(1000);
            assertThat(text.toString()).startsWith("0123456789");
        }
    }

    @Test
    void aJsonReplyThatNeverEndsStopsAtTheLimit() throws Exception {
        try (FakeChatServer server = FakeChatServer.start((ex, s) -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            FakeChatServer.write(ex, "{\"choices\":[{\"message\":{\"content\":\"");
            while (!s.sleepOrClose(Duration.ofMillis(1))) {
                FakeChatServer.write(ex, "endless ".repeat(100) + (s.requestBodies.size() == 1 ? "\n" : ""));
            }
        })) {
            StreamLimits limits = new StreamLimits(64 * 1024, 1 << 20, Duration.ofMinutes(1));
            long start = System.nanoTime();
            assertThatThrownBy(() -> client(server.baseUrl(), limits).streamReply(HELLO, d -> { }, new Cancellation()))
                    .isInstanceOfSatisfying(AssistantException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LONG))
                    .hasMessageContaining("sent a JSON reply longer than 64 KB");
            // The second time it is all one line: the line limit stops it, with the same message.
            assertThatThrownBy(() -> client(server.baseUrl(), limits).streamReply(HELLO, d -> { }, new Cancellation()))
                    .isInstanceOfSatisfying(AssistantException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LONG))
                    .hasMessageContaining("sent a JSON reply longer than 64 KB");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aStreamThatTricklesForeverStopsAtTheTimeLimit() throws Exception {
        try (FakeChatServer server = FakeChatServer.start((ex, s) -> {
            FakeChatServer.startStream(ex);
            while (!s.sleepOrClose(Duration.ofMillis(100))) {
                FakeChatServer.write(ex, FakeChatServer.chunk("tick "));
            }
        })) {
            List<String> deltas = new ArrayList<>();
            StreamLimits limits = new StreamLimits(1 << 20, 1 << 20, Duration.ofSeconds(2));
            long start = System.nanoTime();
            assertThatThrownBy(() -> client(server.baseUrl(), limits).streamReply(HELLO, deltas::add, new Cancellation()))
                    .isInstanceOfSatisfying(AssistantException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LONG))
                    .hasMessageContaining("was still sending after 2 s, SessionDesk's limit for one reply");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            assertThat(deltas).isNotEmpty().allMatch("tick "::equals);
        }
    }
}
