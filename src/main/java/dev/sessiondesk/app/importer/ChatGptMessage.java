package dev.sessiondesk.app.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;

/** One ChatGPT mapping node's message as a Goose-shaped message (the rules are in {@link ChatGptConversation}). */
final class ChatGptMessage {

    private ChatGptMessage() {
    }

    /** One ChatGPT message as a Goose-shaped message, or null when it is not shown in the conversation. */
    static NewMessage convert(JsonNode m, String at, long fallbackSeconds) throws MalformedChatGpt {
        JsonNode author = m.get("author");
        if (author == null || !author.isObject() || !author.path("role").isTextual()) {
            throw new MalformedChatGpt(at + ".author.role: missing or not a string");
        }
        String role = author.get("role").textValue();
        if ("system".equals(role) || m.path("metadata").path("is_visually_hidden_from_conversation").asBoolean(false)) {
            return null;
        }
        JsonNode createTime = m.get("create_time");
        if (createTime != null && !createTime.isNull() && !createTime.isNumber()) {
            throw new MalformedChatGpt(at + ".create_time: must be a number or null");
        }
        Long createdMs = Timestamps.millis(createTime);
        long created = createdMs == null ? fallbackSeconds : createdMs / 1000;
        ArrayNode items = content(m.get("content"), at + ".content");
        if (items.isEmpty()) {
            return null;
        }
        String messageId = m.path("id").isTextual() ? m.get("id").textValue() : null;
        Role r;
        switch (role) {
            case "user" -> r = Role.USER;
            case "assistant" -> r = Role.ASSISTANT;
            case "tool" -> {
                r = Role.ASSISTANT;
                ObjectNode response = CanonicalJson.MAPPER.createObjectNode();
                response.put("type", "toolResponse");
                response.put("id", messageId == null ? "chatgpt-tool" : messageId);
                ObjectNode result = response.putObject("toolResult");
                result.put("status", "success");
                result.putObject("value").set("content", items);
                ObjectNode meta = response.putObject("_meta");
                meta.put("source", "chatgpt");
                if (author.path("name").isTextual()) {
                    meta.put("tool", author.get("name").textValue());
                }
                items = CanonicalJson.MAPPER.createArrayNode().add(response);
            }
            default -> throw new MalformedChatGpt(at + ".author.role: \"" + role + "\" is not system, user, assistant or tool");
        }
        return new NewMessage(messageId, r, created, CanonicalJson.write(items), true, true);
    }

    private static ArrayNode content(JsonNode content, String at) throws MalformedChatGpt {
        if (content == null || !content.isObject() || !content.path("content_type").isTextual()) {
            throw new MalformedChatGpt(at + ".content_type: missing or not a string");
        }
        String type = content.get("content_type").textValue();
        ArrayNode items = CanonicalJson.MAPPER.createArrayNode();
        switch (type) {
            case "text", "multimodal_text" -> {
                JsonNode parts = content.get("parts");
                if (parts == null || !parts.isArray()) {
                    throw new MalformedChatGpt(at + ".parts: must be an array");
                }
                int i = 0;
                for (JsonNode part : parts) {
                    if (part.isTextual()) {
                        if (!part.textValue().isEmpty()) {
                            items.add(ContentItems.textItem(part.textValue()));
                        }
                    } else if (part.isObject()) {
                        ObjectNode kept = CanonicalJson.MAPPER.createObjectNode();
                        kept.put("type", "chatgptPart");
                        kept.set("part", part);
                        items.add(kept);
                    } else if (!part.isNull()) {
                        throw new MalformedChatGpt(at + ".parts[" + i + "]: must be a string or an object");
                    }
                    i++;
                }
            }
            case "code" -> {
                String code = stringField(content, "text", at);
                String language = content.path("language").isTextual() ? content.get("language").textValue() : "";
                if ("unknown".equals(language)) {
                    language = "";
                }
                if (code != null && !code.isEmpty()) {
                    items.add(ContentItems.textItem("```" + language + "\n" + code + (code.endsWith("\n") ? "" : "\n") + "```"));
                }
            }
            case "execution_output" -> {
                String output = stringField(content, "text", at);
                if (output != null && !output.isEmpty()) {
                    items.add(ContentItems.textItem(output));
                }
            }
            default -> {
                ObjectNode kept = CanonicalJson.MAPPER.createObjectNode();
                kept.put("type", "chatgptContent");
                kept.set("content", content);
                items.add(kept);
            }
        }
        return items;
    }

    private static String stringField(JsonNode node, String field, String at) throws MalformedChatGpt {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new MalformedChatGpt(at + "." + field + ": must be a string");
        }
        return v.textValue();
    }

}
