package dev.sessiondesk.app.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An image the user attached reaches a model that can see it, in the OpenAI vision form, on a real local server. */
class ImagesToTheModelTest {
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGMwTpsJRww4OQATIg5ZYRTWPQAAAABJRU5ErkJggg==";

    private static Message stored(int seq, Role role, String json, boolean agentVisible) {
        return new Message(seq, "s1", seq, "m" + seq, role, 1_763_700_000L + seq, json, true, agentVisible,
                MessageState.COMPLETE, "h" + seq);
    }

    @Test
    void aUsersImageGoesWithItsTurnAsADataUriAndTextOnlyTurnsStayPlainStrings() throws Exception {
        List<Message> messages = List.of(
                stored(1, Role.USER, "[{\"type\":\"text\",\"text\":\"What is in this picture?\"},"
                        + "{\"type\":\"image\",\"data\":\"" + PNG + "\",\"mimeType\":\"image/png\"}]", true),
                stored(2, Role.ASSISTANT, "[{\"type\":\"text\",\"text\":\"A red dot.\"},"
                        + "{\"type\":\"image\",\"data\":\"" + PNG + "\",\"mimeType\":\"image/png\"}]", true),
                stored(3, Role.USER, "[{\"type\":\"image\",\"data\":\"" + PNG + "\",\"mimeType\":\"image/png\"}]", true),
                stored(4, Role.USER, "[{\"type\":\"image\",\"data\":\"\",\"mimeType\":\"image/png\"},"
                        + "{\"type\":\"image\",\"data\":\"AAAA\",\"mimeType\":\"text/html\"}]", true),
                stored(5, Role.USER, "[{\"type\":\"image\",\"data\":\"" + PNG + "\",\"mimeType\":\"image/png\"}]", false));
        List<ChatTurn> turns = ChatTurn.fromMessages(messages);
        assertThat(turns).extracting(t -> t.images().size()).containsExactly(1, 0, 1);

        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(List.of("ok"), Duration.ofMillis(1)))) {
            List<String> deltas = new ArrayList<>();
            new OpenAiCompatibleAssistant(AssistantSettings.endpoint(server.baseUrl(), "vision-model", "")
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(400)))
                    .streamReply(turns, deltas::add, new Cancellation());
            assertThat(deltas).containsExactly("ok");
            JsonNode sent = CanonicalJson.MAPPER.readTree(server.requestBodies.get(0)).path("messages");
            assertThat(sent).hasSize(3);
            JsonNode first = sent.get(0).path("content");
            assertThat(first.isArray()).isTrue();
            assertThat(first.get(0).path("type").asText()).isEqualTo("text");
            assertThat(first.get(0).path("text").asText()).isEqualTo("What is in this picture?");
            assertThat(first.get(1).path("type").asText()).isEqualTo("image_url");
            assertThat(first.get(1).path("image_url").path("url").asText()).isEqualTo("data:image/png;base64," + PNG);
            // the assistant's own image is not sent back (endpoints refuse images in assistant turns)
            assertThat(sent.get(1).path("content").isTextual()).isTrue();
            assertThat(sent.get(1).path("content").asText()).isEqualTo("A red dot.");
            // an image alone is a turn too
            assertThat(sent.get(2).path("content").get(1).path("image_url").path("url").asText()).startsWith("data:image/png");
        }
    }
}
