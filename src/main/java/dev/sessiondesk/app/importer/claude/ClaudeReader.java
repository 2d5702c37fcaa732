package dev.sessiondesk.app.importer.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sessiondesk.app.importer.AppMessages;
import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportProblem;
import dev.sessiondesk.app.importer.ImportSource;
import dev.sessiondesk.app.importer.JsonArrayReader;
import dev.sessiondesk.app.importer.SessionSink;
import dev.sessiondesk.app.importer.SourceSession;
import dev.sessiondesk.app.importer.Timestamps;
import dev.sessiondesk.app.importer.Titles;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.TitleSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Claude.ai's data export ({@code conversations.json} in the zip it mails): a JSON array of
 * conversations {@code {uuid, name, created_at, updated_at, chat_messages[]}}, each message
 * {@code {uuid, sender: human|assistant, created_at, text, content[], attachments[], files[]}}.
 * Content items: {@code text}, {@code thinking}, {@code tool_use} ({@code id, name, input}),
 * {@code tool_result} ({@code tool_use_id, content[], is_error}); others are kept verbatim. An
 * attachment's extracted text is kept as a text item naming the file; files whose bytes are not in
 * the export are named. See docs/importing.md.
 */
public final class ClaudeReader {
    static final String ORIGIN = "claude";
    private final ImportOptions options;

    public ClaudeReader(ImportOptions options) {
        this.options = options;
    }

    public void read(ImportSource source, SessionSink sink) throws IOException {
        JsonArrayReader.read(source, "a Claude export", options.maxBytes(), sink,
                (c, where, index, s) -> conversation(source.label(), c, where, index, s));
    }

    private static void conversation(String label, JsonNode c, String where, int index, SessionSink sink) {
        String path = "$[" + index + "]";
        String name = label + " " + path;
        if (!c.isObject() || AppMessages.text(c, "uuid") == null) {
            sink.failed(name, List.of(new ImportProblem(where, UserText.of("import", "claude.noUuid", path + ".uuid"))));
            return;
        }
        JsonNode chat = c.get("chat_messages");
        if (chat != null && !chat.isNull() && !chat.isArray()) {
            sink.failed(name, List.of(new ImportProblem(where, UserText.of("import", "rule.array", path + ".chat_messages"))));
            return;
        }
        long fallback = AppMessages.seconds(c.get("created_at"), 0);
        List<NewMessage> messages = new ArrayList<>();
        int i = 0;
        for (JsonNode m : chat == null ? List.<JsonNode>of() : chat) {
            String at = path + ".chat_messages[" + i++ + "]";
            String sender = m.path("sender").asText("");
            Role role = switch (sender) {
                case "human" -> Role.USER;
                case "assistant" -> Role.ASSISTANT;
                default -> null;
            };
            if (role == null) {
                sink.failed(name, List.of(new ImportProblem(where, UserText.of("import", "claude.sender", at + ".sender", sender))));
                return;
            }
            long created = AppMessages.seconds(m.get("created_at"), fallback);
            fallback = created;
            NewMessage msg = AppMessages.message(AppMessages.text(m, "uuid"), role, created, items(m));
            if (msg != null) {
                messages.add(msg);
            }
        }
        String title = Titles.collapseWhitespace(AppMessages.text(c, "name"));
        TitleSource source = TitleSource.AUTO;
        if (title == null) {
            title = Titles.fromFirstUserText(messages);
            source = title == null ? TitleSource.NONE : TitleSource.AUTO;
        }
        Long created = Timestamps.millis(c.get("created_at"));
        sink.session(new SourceSession(ORIGIN, c.get("uuid").textValue(), name, title, source, null, created, null,
                null, null, messages, null));
    }

    private static ArrayNode items(JsonNode m) {
        ArrayNode items = AppMessages.items();
        JsonNode content = m.get("content");
        if (content != null && content.isArray() && !content.isEmpty()) {
            for (JsonNode item : content) {
                switch (item.path("type").asText("")) {
                    case "text" -> AppMessages.text(items, item.path("text").asText(""));
                    case "thinking" -> AppMessages.thinking(items, item.path("thinking").asText(""));
                    case "tool_use" -> AppMessages.toolRequest(items, item.path("id").asText(AppMessages.text(m, "uuid")),
                            item.path("name").asText("tool"), item.get("input"));
                    case "tool_result" -> {
                        StringBuilder out = new StringBuilder();
                        for (JsonNode part : item.path("content")) {
                            if (part.path("text").isTextual()) {
                                out.append(out.length() == 0 ? "" : "\n").append(part.get("text").textValue());
                            }
                        }
                        AppMessages.toolResponse(items, item.path("tool_use_id").asText(""), out.toString(),
                                item.path("is_error").asBoolean(false));
                    }
                    default -> AppMessages.kept(items, "claudeContent", item);
                }
            }
        } else {
            AppMessages.text(items, AppMessages.text(m, "text"));
        }
        for (JsonNode a : m.path("attachments")) {
            String file = a.path("file_name").asText("attachment");
            String extracted = a.path("extracted_content").asText("");
            AppMessages.text(items, extracted.isBlank() ? "Attached: " + file + " (its content is not in the export)"
                    : "Attached: " + file + "\n\n" + extracted);
        }
        for (JsonNode f : m.path("files")) {
            String file = f.path("file_name").asText("");
            if (!file.isBlank()) {
                AppMessages.text(items, "Attached: " + file + " (the file is not in the export)");
            }
        }
        return items;
    }
}
