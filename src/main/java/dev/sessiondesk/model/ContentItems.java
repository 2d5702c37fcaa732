package dev.sessiondesk.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** Small readers and builders for Goose content items (see shared/formats.md). */
public final class ContentItems {

    /** Item types the UI renders; everything else is kept verbatim and shown as unsupported content. */
    public static final Set<String> KNOWN_TYPES = Set.of(
            "text", "image", "toolRequest", "toolResponse", "toolConfirmationRequest", "actionRequired",
            "frontendToolRequest", "thinking", "redactedThinking", "systemNotification", "conversationCompacted");

    private ContentItems() {
    }

    public static String textArray(String text) {
        ArrayNode array = CanonicalJson.MAPPER.createArrayNode();
        array.add(textItem(text));
        return CanonicalJson.write(array);
    }

    public static ObjectNode textItem(String text) {
        ObjectNode item = CanonicalJson.MAPPER.createObjectNode();
        item.put("type", "text");
        item.put("text", text);
        return item;
    }

    /** The concatenated {@code text} items of a content array: what search indexes and titles read. */
    public static String plainText(String contentJson) {
        try {
            return plainText(CanonicalJson.parse(contentJson));
        } catch (Exception e) {
            return "";
        }
    }

    public static String plainText(JsonNode content) {
        StringBuilder sb = new StringBuilder();
        if (content != null && content.isArray()) {
            for (JsonNode item : content) {
                String type = item.path("type").asText("");
                String text = switch (type) {
                    case "text" -> item.path("text").asText("");
                    case "thinking" -> item.path("thinking").asText("");
                    default -> "";
                };
                if (!text.isEmpty()) {
                    if (sb.length() > 0) {
                        sb.append('\n');
                    }
                    sb.append(text);
                }
            }
        }
        return sb.toString();
    }
}
