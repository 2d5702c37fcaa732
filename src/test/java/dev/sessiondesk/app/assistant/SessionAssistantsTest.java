package dev.sessiondesk.app.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.SessionSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-session model and system prompt over a real store and a real local HTTP server. */
class SessionAssistantsTest {
    @TempDir
    Path dir;

    @Test
    void theSessionsModelAndSystemPromptReachTheServerAndSurviveARestart() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(List.of("Hi", " there"), Duration.ZERO))) {
            String sid;
            try (SessionDesk desk = SessionDesk.open(dir)) {
                desk.assistants().use(AssistantSettings.endpoint(server.baseUrl(), "fake-small", "sk-test"));
                sid = desk.sessions().create(null, null).id();
                desk.sessionAssistants().save(sid, new SessionSettings("fake-large", "Answer in French."));
            }
            try (SessionDesk desk = SessionDesk.open(dir)) {
                desk.assistants().use(AssistantSettings.endpoint(server.baseUrl(), "fake-small", "sk-test"));
                assertThat(desk.store().sessionSettings().get(sid)).isEqualTo(new SessionSettings("fake-large",
                        "Answer in French."));
                ReplyOutcome outcome = desk.replies().send(sid, "Hello", null).done().get();
                assertThat(outcome.state()).isEqualTo(ReplyState.COMPLETE);
                String other = desk.sessions().create(null, null).id();
                desk.sessions().append(other, NewMessage.text(Role.USER, "Plain"));
                assertThat(desk.replies().retry(other, null).done().get().state()).isEqualTo(ReplyState.COMPLETE);
            }
            JsonNode first = CanonicalJson.MAPPER.readTree(server.requestBodies.get(0));
            assertThat(first.path("model").asText()).isEqualTo("fake-large");
            assertThat(first.path("messages").get(0).path("role").asText()).isEqualTo("system");
            assertThat(first.path("messages").get(0).path("content").asText()).isEqualTo("Answer in French.");
            assertThat(first.path("messages").get(1).path("content").asText()).isEqualTo("Hello");
            assertThat(first.path("messages")).hasSize(2);
            JsonNode plain = null;
            for (String body : server.requestBodies) {
                JsonNode request = CanonicalJson.MAPPER.readTree(body);
                if (request.path("messages").size() == 1 && request.path("messages").get(0).path("content").asText().equals("Plain")) {
                    plain = request; // the reply, not the automatic title's request
                }
            }
            assertThat(plain).isNotNull();
            assertThat(plain.path("model").asText()).as("a session without settings keeps the default").isEqualTo("fake-small");
            assertThat(plain.path("messages").get(0).path("role").asText()).isEqualTo("user");
        }
    }

    @Test
    void modelsAreListedFromTheEndpointAndAFailureNamesIt() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(List.of("x"), Duration.ZERO))) {
            AssistantSettings settings = AssistantSettings.endpoint(server.baseUrl(), "", "sk-test");
            assertThat(ModelCatalog.list(settings)).containsExactly("fake-small", "fake-large");
            assertThat(server.modelsAuthorizations).containsExactly("Bearer sk-test");
            assertThat(ModelCatalog.list(settings.withEndpoint(server.baseUrl() + "/chat/completions")))
                    .containsExactly("fake-small", "fake-large");
            server.modelsStatus = 404;
            assertThatThrownBy(() -> ModelCatalog.list(settings))
                    .isInstanceOf(AssistantException.class)
                    .hasMessageContaining("The assistant at " + server.baseUrl())
                    .hasMessageContaining("HTTP 404");
        }
    }
}
