package dev.sessiondesk.app.importer.goose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.MalformedMessageException;
import dev.sessiondesk.model.NewMessage;


/**
 * Goose message JSON from an import source. Unlike a message typed now, a stored message without a
 * {@code created} stamp gets the previous message's time (or the session's), never "now": the same
 * file must give the same bytes on every import, or re-imports would not be recognised.
 */
final class GooseMessageRows {

    private GooseMessageRows() {
    }

    static NewMessage read(JsonNode node, long fallbackSeconds) throws MalformedMessageException {
        node = fromPythonGoose(node);
        if (node != null && node.isObject()) {
            JsonNode created = node.get("created");
            if (created == null || created.isNull()) {
                ObjectNode copy = ((ObjectNode) node).deepCopy();
                copy.put("created", fallbackSeconds);
                node = copy;
            }
        }
        return GooseMessages.fromJson(node);
    }

    /**
     * Session files of goose 0.9 (the Python goose, 2024, through its "exchange" library) tag content
     * items with class names: {@code Text}, {@code ToolUse} ({@code id, name, parameters, is_error,
     * error_message}) and {@code ToolResult} ({@code tool_use_id, output, is_error}). They become
     * today's {@code text}, {@code toolRequest} and {@code toolResponse} items; anything else is left
     * as it is. A message without such items is returned unchanged.
     */
    static JsonNode fromPythonGoose(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("content").isArray()) {
            return node;
        }
        boolean legacy = false;
        for (JsonNode item : node.get("content")) {
            String t = item.path("type").asText("");
            legacy |= t.equals("Text") || t.equals("ToolUse") || t.equals("ToolResult");
        }
        if (!legacy) {
            return node;
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        ArrayNode items = copy.putArray("content");
        for (JsonNode item : node.get("content")) {
            switch (item.path("type").asText("")) {
                case "Text" -> items.add(ContentItems.textItem(item.path("text").asText("")));
                case "ToolUse" -> {
                    ObjectNode call = items.addObject();
                    call.put("type", "toolRequest");
                    call.put("id", item.path("id").asText(""));
                    ObjectNode toolCall = call.putObject("toolCall");
                    if (item.path("is_error").asBoolean(false)) {
                        toolCall.put("status", "error");
                        toolCall.put("error", item.path("error_message").asText("the tool call could not be made"));
                    } else {
                        toolCall.put("status", "success");
                        ObjectNode value = toolCall.putObject("value");
                        value.put("name", item.path("name").asText(""));
                        value.set("arguments", item.path("parameters").isObject() ? item.get("parameters")
                                : CanonicalJson.MAPPER.createObjectNode());
                    }
                }
                case "ToolResult" -> {
                    ObjectNode response = items.addObject();
                    response.put("type", "toolResponse");
                    response.put("id", item.path("tool_use_id").asText(""));
                    ObjectNode result = response.putObject("toolResult");
                    String output = item.path("output").isTextual() ? item.get("output").textValue() : item.path("output").toString();
                    if (item.path("is_error").asBoolean(false)) {
                        result.put("status", "error");
                        result.put("error", output);
                    } else {
                        result.put("status", "success");
                        result.putArray("value").add(ContentItems.textItem(output));
                    }
                }
                default -> items.add(item);
            }
        }
        return copy;
    }
}
