package dev.sessiondesk.app.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Message;

/**
 * A message as Markdown, for "Copy": its text items verbatim (fences and indentation as written),
 * tool calls and results as fenced blocks, images as a placeholder.
 */
public final class MessageMarkdown {
    private MessageMarkdown() {
    }

    public static String of(Message m) {
        JsonNode content;
        try {
            content = CanonicalJson.parse(m.contentJson());
        } catch (Exception e) {
            return m.contentJson();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode item : content) {
            String part = switch (item.path("type").asText("")) {
                case "text" -> item.path("text").asText("");
                case "toolRequest", "frontendToolRequest" -> "Tool call `" + ToolCards.toolName(item) + "`:\n```json\n"
                        + ToolCards.pretty(item.path("toolCall").path("value").path("arguments")) + "\n```";
                case "toolResponse" -> "```\n" + ToolCards.outputText(ToolCards.content(item.path("toolResult"))) + "\n```";
                case "image" -> "[image]";
                default -> "";
            };
            if (!part.isEmpty()) {
                if (sb.length() > 0) {
                    sb.append("\n\n");
                }
                sb.append(part);
            }
        }
        return sb.toString();
    }
}
