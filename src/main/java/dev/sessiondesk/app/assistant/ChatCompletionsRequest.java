package dev.sessiondesk.app.assistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.CanonicalJson;
import java.util.List;

/** The body of an OpenAI-compatible {@code POST /v1/chat/completions} (streamed). */
final class ChatCompletionsRequest {
    private ChatCompletionsRequest() {
    }

    /**
     * {@code model} is left out when blank (the server's default), the system prompt goes first; a
     * turn with images takes the vision form: a text part, then one {@code image_url} part per image.
     */
    static String body(String model, String systemPrompt, List<ChatTurn> conversation) {
        ObjectNode root = CanonicalJson.MAPPER.createObjectNode();
        if (!model.isBlank()) {
            root.put("model", model);
        }
        root.put("stream", true);
        ArrayNode messages = root.putArray("messages");
        if (!systemPrompt.isBlank()) {
            ObjectNode system = messages.addObject();
            system.put("role", "system");
            system.put("content", systemPrompt);
        }
        for (ChatTurn turn : conversation) {
            ObjectNode m = messages.addObject();
            m.put("role", turn.role().wire());
            if (turn.images().isEmpty()) {
                m.put("content", turn.text());
            } else {
                ArrayNode parts = m.putArray("content");
                parts.addObject().put("type", "text").put("text", turn.text());
                for (ChatTurn.Image image : turn.images()) {
                    parts.addObject().put("type", "image_url").putObject("image_url").put("url", image.dataUri());
                }
            }
        }
        return root.toString();
    }
}
