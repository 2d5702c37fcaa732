package dev.sessiondesk.app.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 4, with two real local HTTP servers on different ports (different origins): the API
 * key and the conversation never follow a redirect to another origin; a same-origin redirect is
 * followed.
 */
class AssistantRedirectTest {
    private static final List<ChatTurn> SECRET = List.of(ChatTurn.user("my private question"));

    private static OpenAiCompatibleAssistant client(String baseUrl) {
        return new OpenAiCompatibleAssistant(AssistantSettings.endpoint(baseUrl, "m", "sk-secret-key"));
    }

    private static FakeChatServer.Behaviour redirectTo(String location, int status) {
        return (ex, server) -> {
            ex.getResponseHeaders().set("Location", location);
            ex.sendResponseHeaders(status, -1);
        };
    }

    @Test
    void aRedirectToAnotherOriginIsNotFollowedAndTheKeyStaysHome() throws Exception {
        try (FakeChatServer other = FakeChatServer.start(FakeChatServer.streaming(List.of("stolen"), Duration.ZERO))) {
            for (int status : new int[] {307, 308, 302, 301}) {
                try (FakeChatServer first = FakeChatServer.start(
                        redirectTo(other.baseUrl() + "/chat/completions", status))) {
                    assertThatThrownBy(() -> client(first.baseUrl()).streamReply(SECRET, d -> { }, new Cancellation()))
                            .isInstanceOf(AssistantException.class)
                            .hasMessageContaining("redirected")
                            .hasMessageContaining(other.baseUrl().replace("/v1", ""))
                            .hasMessageContaining("not followed");
                    assertThat(first.authorizations).containsExactly("Bearer sk-secret-key");
                }
            }
            assertThat(other.requestBodies).as("nothing reached the other origin").isEmpty();
            assertThat(other.authorizations).isEmpty();
        }
    }

    @Test
    void aRedirectWithinTheSameOriginIsFollowedWithTheKey() throws Exception {
        FakeChatServer.Behaviour stream = FakeChatServer.streaming(List.of("hel", "lo"), Duration.ZERO);
        try (FakeChatServer server = FakeChatServer.start((ex, s) -> {
            if (ex.getRequestURI().getQuery() == null) {
                ex.getResponseHeaders().set("Location", "/v1/chat/completions?moved=1");
                ex.sendResponseHeaders(307, -1);
            } else {
                stream.respond(ex, s);
            }
        })) {
            List<String> deltas = new ArrayList<>();
            client(server.baseUrl()).streamReply(SECRET, deltas::add, new Cancellation());
            assertThat(String.join("", deltas)).isEqualTo("hello");
            assertThat(server.authorizations).containsExactly("Bearer sk-secret-key", "Bearer sk-secret-key");
            assertThat(server.requestBodies.get(1)).contains("my private question");
        }
    }
}
