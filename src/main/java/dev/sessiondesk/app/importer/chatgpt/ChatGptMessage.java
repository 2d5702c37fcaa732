package dev.sessiondesk.app.importer.chatgpt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.app.importer.Timestamps;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import java.util.List;

/** One ChatGPT mapping node's message as a Goose-shaped message (the rules are in {@link ChatGptConversation}). */
final class ChatGptMessage {

    private ChatGptMessage() {
    }

    /**
     * One ChatGPT message as a Goose-shaped message, or null when it is not shown in the conversation.
     * {@code openToolRequest} is the id of the tool call made just before this message on its path
     * (or null): a tool's answer is filed under that request so the two are shown together.
     */
    static NewMessage convert(JsonNode m, String at, long fallbackSeconds, String openToolRequest) throws MalformedChatGpt {
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
        String messageId = m.path("id").isTextual() ? m.get("id").textValue() : null;
        String contentType = m.path("content").path("content_type").asText("");
        // The hidden context the user or the model may edit ("custom instructions", memory) is not
        // part of the conversation either, whatever its visibility flag says.
        if (HIDDEN_CONTENT.contains(contentType)) {
            return null;
        }
        String recipient = m.path("recipient").isTextual() ? m.get("recipient").textValue() : "all";
        if ("assistant".equals(role) && !"all".equals(recipient)) {
            // Code or a query the assistant sent to a tool: a tool call, never prose (its # comments
            // would become headings).
            ObjectNode call = toolRequest(m.get("content"), at + ".content", messageId, recipient);
            if (call == null) {
                return null;
            }
            return new NewMessage(messageId, Role.ASSISTANT, created,
                    CanonicalJson.write(CanonicalJson.MAPPER.createArrayNode().add(call)), true, true);
        }
        ArrayNode items = content(m.get("content"), at + ".content");
        if (items.isEmpty()) {
            return null;
        }
        Role r;
        switch (role) {
            case "user" -> r = Role.USER;
            case "assistant" -> r = Role.ASSISTANT;
            case "tool" -> {
                r = Role.ASSISTANT;
                ObjectNode response = CanonicalJson.MAPPER.createObjectNode();
                response.put("type", "toolResponse");
                response.put("id", openToolRequest != null ? openToolRequest : messageId == null ? "chatgpt-tool" : messageId);
                ObjectNode result = response.putObject("toolResult");
                if ("system_error".equals(contentType)) {
                    // The tool failed: an error result, not a successful one with the error as output.
                    result.put("status", "error");
                    result.put("error", ContentItems.plainText(CanonicalJson.write(items)));
                } else {
                    result.put("status", "success");
                    result.putObject("value").set("content", items);
                }
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
            case "thoughts" -> {
                // Reasoning summaries: thinking, folded in the transcript; an empty list is no message.
                StringBuilder thought = new StringBuilder();
                for (JsonNode t : content.path("thoughts")) {
                    for (String field : List.of("summary", "content")) {
                        String v = t.path(field).asText("").strip();
                        if (!v.isEmpty()) {
                            thought.append(thought.length() == 0 ? "" : "\n\n").append(v);
                        }
                    }
                }
                if (thought.length() > 0) {
                    ObjectNode thinking = CanonicalJson.MAPPER.createObjectNode();
                    thinking.put("type", "thinking");
                    thinking.put("thinking", thought.toString());
                    thinking.put("signature", "");
                    items.add(thinking);
                }
            }
            case "system_error" -> {
                String name = content.path("name").asText("");
                String text = content.path("text").asText("");
                String error = (name.isEmpty() ? "" : name + ": ") + text;
                if (!error.isBlank()) {
                    items.add(ContentItems.textItem(error));
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

    private static final java.util.Set<String> HIDDEN_CONTENT = java.util.Set.of("user_editable_context", "model_editable_context");

    /** A goose {@code toolRequest} for what the assistant sent to {@code recipient}, or null when it is empty. */
    private static ObjectNode toolRequest(JsonNode content, String at, String messageId, String recipient) throws MalformedChatGpt {
        if (content == null || !content.isObject() || !content.path("content_type").isTextual()) {
            throw new MalformedChatGpt(at + ".content_type: missing or not a string");
        }
        String code;
        if (content.has("text")) {
            code = stringField(content, "text", at);
        } else {
            StringBuilder joined = new StringBuilder();
            for (JsonNode part : content.path("parts")) {
                if (part.isTextual()) {
                    joined.append(part.textValue());
                }
            }
            code = joined.toString();
        }
        if (code == null || code.isBlank()) {
            return null;
        }
        ObjectNode call = CanonicalJson.MAPPER.createObjectNode();
        call.put("type", "toolRequest");
        call.put("id", messageId == null ? "chatgpt-call" : messageId);
        ObjectNode toolCall = call.putObject("toolCall");
        toolCall.put("status", "success");
        ObjectNode value = toolCall.putObject("value");
        value.put("name", recipient);
        ObjectNode arguments = value.putObject("arguments");
        String language = content.path("language").asText("");
        if (!language.isEmpty() && !"unknown".equals(language)) {
            arguments.put("language", language);
        }
        arguments.put("code".equals(content.path("content_type").asText()) ? "code" : "input", code);
        ObjectNode meta = call.putObject("_meta");
        meta.put("source", "chatgpt");
        return call;
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
