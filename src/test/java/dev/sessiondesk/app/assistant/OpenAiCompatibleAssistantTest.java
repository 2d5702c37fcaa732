package dev.sessiondesk.app.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.assistant.AssistantException.Kind;
import dev.sessiondesk.model.CanonicalJson;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleAssistantTest {
    private static final List<ChatTurn> HELLO = List.of(ChatTurn.user("Hello there"));

    private static OpenAiCompatibleAssistant client(String baseUrl, String key) {
        return new OpenAiCompatibleAssistant(AssistantSettings.endpoint(baseUrl, "test-model", key)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(400)));
    }

    @Test
    void streamsDeltasInOrderAndSendsTheConversationModelAndKey() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(
                FakeChatServer.streaming(List.of("Hel", "lo, ", "wörld ", "\"quoted\"\n"), Duration.ofMillis(5)))) {
            List<String> deltas = new ArrayList<>();
            client(server.baseUrl(), "sk-abc").streamReply(
                    List.of(ChatTurn.user("Hi"), ChatTurn.assistant("Yes?"), ChatTurn.user("Say hello")),
                    deltas::add, new Cancellation());

            assertThat(deltas).containsExactly("Hel", "lo, ", "wörld ", "\"quoted\"\n");
            JsonNode body = CanonicalJson.MAPPER.readTree(server.requestBodies.get(0));
            assertThat(body.path("model").asText()).isEqualTo("test-model");
            assertThat(body.path("stream").asBoolean()).isTrue();
            assertThat(body.path("messages")).hasSize(3);
            assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("assistant");
            assertThat(body.path("messages").get(2).path("content").asText()).isEqualTo("Say hello");
            assertThat(server.authorizations).containsExactly("Bearer sk-abc");
        }
    }

    @Test
    void refusedConnectionNamesTheAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String base = "http://127.0.0.1:" + port + "/v1";
        assertThatThrownBy(() -> client(base, "").streamReply(HELLO, d -> { }, new Cancellation()))
                .isInstanceOfSatisfying(AssistantException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED))
                .hasMessage("The assistant at " + base + " refused the connection (is the server running?)");
    }

    @Test
    void unauthorizedSaysTheKeyWasRejectedWithoutRepeatingIt() throws Exception {
        String key = "sk-secret-0123456789";
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.status(401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + key + "\"}}"))) {
            assertThatThrownBy(() -> client(server.baseUrl(), key).streamReply(HELLO, d -> { }, new Cancellation()))
                    .isInstanceOfSatisfying(AssistantException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED))
                    .hasMessageContaining("rejected the API key (HTTP 401)")
                    .hasMessageContaining("Incorrect API key provided: [key]")
                    .hasMessageNotContaining(key);
        }
    }

    @Test
    void rateLimitSaysWhenToRetry() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.status(429, "{\"error\":\"slow down\"}"))) {
            assertThatThrownBy(() -> client(server.baseUrl(), "").streamReply(HELLO, d -> { }, new Cancellation()))
                    .isInstanceOfSatisfying(AssistantException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED))
                    .hasMessageContaining("is limiting requests (HTTP 429, retry after 20 s): slow down");
        }
    }

    @Test
    void garbageInTheStreamIsReportedWithItsLineAfterTheGoodDeltas() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.garbageAfter(List.of("one ", "two ")))) {
            List<String> deltas = new ArrayList<>();
            assertThatThrownBy(() -> client(server.baseUrl(), "").streamReply(HELLO, deltas::add, new Cancellation()))
                    .isInstanceOfSatisfying(AssistantException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED))
                    .hasMessageContaining("sent a reply SessionDesk cannot read (stream line 5: the data is not JSON");
            assertThat(deltas).containsExactly("one ", "two ");
        }
    }

    @Test
    void aStreamThatEndsWithoutDoneIsAnError() throws Exception {
        try (FakeChatServer server = FakeChatServer.start((ex, s) -> {
            FakeChatServer.startStream(ex);
            FakeChatServer.write(ex, FakeChatServer.chunk("cut "));
        })) {
            assertThatThrownBy(() -> client(server.baseUrl(), "").streamReply(HELLO, d -> { }, new Cancellation()))
                    .isInstanceOfSatisfying(AssistantException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED))
                    .hasMessageContaining("closed the stream before the reply was finished");
        }
    }

    @Test
    void aStalledStreamTimesOut() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.stallingAfter(List.of("partial ")))) {
            List<String> deltas = new ArrayList<>();
            OpenAiCompatibleAssistant client = client(server.baseUrl(), "");
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.streamReply(HELLO, deltas::add, new Cancellation()))
                    .isInstanceOfSatisfying(AssistantException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT))
                    .hasMessageContaining("stopped sending in the middle of the reply (nothing for 0.4 s)");
            assertThat(deltas).containsExactly("partial ");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void noResponseHeadersWithinTheLimitIsATimeout() throws Exception {
        try (FakeChatServer server = FakeChatServer.start((ex, s) -> s.sleepOrClose(Duration.ofMinutes(1)))) {
            OpenAiCompatibleAssistant slow = new OpenAiCompatibleAssistant(AssistantSettings.endpoint(server.baseUrl(), "", "")
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(5)));
            assertThatThrownBy(() -> slow.streamReply(HELLO, d -> { }, new Cancellation()))
                    .isInstanceOfSatisfying(AssistantException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT))
                    .hasMessageContaining("did not start answering within 0.3 s");
        }
    }

    @Test
    void cancellingAStalledStreamReturnsPromptlyWithoutAnError() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.stallingAfter(List.of("a ", "b ")))) {
            OpenAiCompatibleAssistant patient = new OpenAiCompatibleAssistant(AssistantSettings.endpoint(server.baseUrl(), "", "")
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(30)));
            Cancellation stop = new Cancellation();
            List<String> deltas = new java.util.concurrent.CopyOnWriteArrayList<>();
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    patient.streamReply(HELLO, deltas::add, stop);
                } catch (AssistantException e) {
                    throw new IllegalStateException(e);
                }
            });
            while (deltas.size() < 2) {
                Thread.sleep(10);
            }
            stop.cancel();
            running.get(3, TimeUnit.SECONDS); // returns normally, well before the 30 s idle limit
            assertThat(deltas).containsExactly("a ", "b ");
        }
    }

    @Test
    void describeAndMessagesNeverShowUserInfoOrQuery() {
        OpenAiCompatibleAssistant a = new OpenAiCompatibleAssistant(
                AssistantSettings.endpoint("https://user:pw@example.invalid/v1?api-key=zzz", "m", "k"));
        assertThat(a.describe()).isEqualTo("the assistant at https://example.invalid/v1 (model m)");
        assertThat(OpenAiCompatibleAssistant.chatCompletionsUri("http://localhost:11434/v1/").toString())
                .isEqualTo("http://localhost:11434/v1/chat/completions");
        assertThat(OpenAiCompatibleAssistant.chatCompletionsUri("http://h:1/v1/chat/completions").toString())
                .isEqualTo("http://h:1/v1/chat/completions");
        assertThatThrownBy(() -> OpenAiCompatibleAssistant.chatCompletionsUri("localhost:11434"))
                .hasMessageContaining("must be an http:// or https:// URL");
    }

    @Test
    void aServerThatIgnoresStreamingStillAnswersAndAWebPageIsNamedAsUnreadable() throws Exception {
        try (FakeChatServer json = FakeChatServer.start((ex, srv) -> {
            byte[] body = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"all at once\"}}]}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        })) {
            List<String> deltas = new ArrayList<>();
            client(json.baseUrl(), "").streamReply(HELLO, deltas::add, new Cancellation());
            assertThat(deltas).containsExactly("all at once");
        }
        try (FakeChatServer html = FakeChatServer.start((ex, srv) -> {
            ex.getResponseHeaders().set("Content-Type", "text/html");
            FakeChatServer.startStream(ex);
            FakeChatServer.write(ex, "<!DOCTYPE html>\n<html>web ui</html>\n");
        })) {
            assertThatThrownBy(() -> client(html.baseUrl(), "").streamReply(HELLO, d -> { }, new Cancellation()))
                    .isInstanceOfSatisfying(AssistantException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED))
                    .hasMessageContaining("(stream line 1: expected a \"data:\" line, got \"<!DOCTYPE html>\")");
        }
    }
}
