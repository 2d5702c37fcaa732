package dev.sessiondesk.app.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Message;
import java.util.List;

/**
 * Pairs tool requests with their responses by id among the messages around one message. A response
 * follows its request within a few messages (goose answers a tool call in the very next user message),
 * so this looks only that far in either direction: the cost per message stays constant however long
 * the session is, and only messages whose JSON mentions the id are parsed.
 */
public final class ToolPairing {
    static final int REACH = 8;

    private ToolPairing() {
    }

    /** The toolResponse for {@code requestId} among the messages after {@code index}, or null. */
    public static JsonNode responseAfter(List<Message> messages, int index, String requestId) {
        for (int i = index + 1; i < messages.size() && i <= index + REACH; i++) {
            JsonNode item = findItem(messages.get(i), "toolResponse", requestId);
            if (item != null) {
                return item;
            }
        }
        return null;
    }

    /** True when a toolRequest with {@code responseId} sits among the messages before {@code index}. */
    public static boolean requestBefore(List<Message> messages, int index, String responseId) {
        for (int i = index - 1; i >= 0 && i >= index - REACH; i--) {
            if (findItem(messages.get(i), "toolRequest", responseId) != null
                    || findItem(messages.get(i), "frontendToolRequest", responseId) != null) {
                return true;
            }
        }
        return false;
    }

    /** True when the message carries any tool request or response (so its neighbours may need re-rendering). */
    public static boolean mentionsTools(Message m) {
        String json = m.contentJson();
        return json != null && (json.contains("\"toolRequest\"") || json.contains("\"toolResponse\"")
                || json.contains("\"frontendToolRequest\""));
    }

    private static JsonNode findItem(Message m, String type, String id) {
        String json = m.contentJson();
        if (id == null || id.isEmpty() || json == null || !json.contains(id) || !json.contains(type)) {
            return null;
        }
        try {
            for (JsonNode item : CanonicalJson.parse(json)) {
                if (type.equals(item.path("type").asText()) && id.equals(item.path("id").asText())) {
                    return item;
                }
            }
        } catch (Exception e) {
            return null; // not JSON: the message itself shows as unsupported content
        }
        return null;
    }
}
