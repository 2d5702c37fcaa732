package dev.sessiondesk.app.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;

/** Small pieces the importers of other chat apps share: goose content items and message rows. */
public final class AppMessages {
    private AppMessages() {
    }

    /**
     * The conversation role of a message's {@code role} field, as most chat apps name it ("user",
     * "assistant"); null for anything else (system prompts are settings, not conversation; tools).
     */
    public static Role role(JsonNode message) {
        return switch (message.path("role").asText("")) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            default -> null;
        };
    }

    public static ArrayNode items() {
        return CanonicalJson.MAPPER.createArrayNode();
    }

    public static void text(ArrayNode items, String text) {
        if (text != null && !text.isBlank()) {
            items.add(ContentItems.textItem(text));
        }
    }

    public static void thinking(ArrayNode items, String text) {
        if (text != null && !text.isBlank()) {
            ObjectNode t = items.addObject();
            t.put("type", "thinking");
            t.put("thinking", text);
            t.put("signature", "");
        }
    }

    public static void toolRequest(ArrayNode items, String id, String name, JsonNode arguments) {
        ObjectNode call = items.addObject();
        call.put("type", "toolRequest");
        call.put("id", id);
        ObjectNode toolCall = call.putObject("toolCall");
        toolCall.put("status", "success");
        ObjectNode value = toolCall.putObject("value");
        value.put("name", name);
        value.set("arguments", arguments != null && arguments.isObject() ? arguments : CanonicalJson.MAPPER.createObjectNode());
    }

    public static void toolResponse(ArrayNode items, String id, String output, boolean error) {
        ObjectNode response = items.addObject();
        response.put("type", "toolResponse");
        response.put("id", id);
        ObjectNode result = response.putObject("toolResult");
        if (error) {
            result.put("status", "error");
            result.put("error", output == null ? "" : output);
        } else {
            result.put("status", "success");
            result.putArray("value").add(ContentItems.textItem(output == null ? "" : output));
        }
    }

    /** An item of a type SessionDesk does not know, kept verbatim (shown as unsupported content). */
    public static void kept(ArrayNode items, String type, JsonNode original) {
        ObjectNode k = items.addObject();
        k.put("type", type);
        k.set("content", original);
    }

    /** A message, or null when it has no content (empty turns are not messages). */
    public static NewMessage message(String id, Role role, long createdSeconds, ArrayNode items) {
        if (items.isEmpty()) {
            return null;
        }
        return new NewMessage(id, role, createdSeconds, CanonicalJson.write(items), true, true);
    }

    /** Seconds from a JSON time (ISO text, seconds or milliseconds); {@code fallback} when absent. */
    public static long seconds(JsonNode time, long fallback) {
        Long ms = Timestamps.millis(time);
        return ms == null ? fallback : ms / 1000;
    }

    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.textValue().isBlank() ? v.textValue() : null;
    }
}
