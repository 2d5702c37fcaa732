package dev.sessiondesk.app.importer.openwebui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sessiondesk.app.importer.AppMessages;
import dev.sessiondesk.app.importer.ConversationTree;
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
import java.util.Map;

/**
 * Open WebUI's chat export (Settings → Chats → Export, {@code chat-export-<time>.json}): a JSON array
 * of chats {@code {id, title, chat: {history: {messages: {<id>: {id, parentId, childrenIds, role,
 * content, timestamp, model}}, currentId}, messages[]}, created_at, updated_at, archived, pinned}}.
 * The history is a tree (regenerations and edits are siblings): the current path is the session,
 * other leaves are forks at their branch point ({@link ConversationTree}). System messages are skipped;
 * an archived chat stays archived. See docs/importing.md.
 */
public final class OpenWebUiReader {
    static final String ORIGIN = "open-webui";
    private final ImportOptions options;

    public OpenWebUiReader(ImportOptions options) {
        this.options = options;
    }

    public void read(ImportSource source, SessionSink sink) throws IOException {
        JsonArrayReader.read(source, "an Open WebUI export", options.maxBytes(), sink,
                (c, where, index, s) -> chat(source.label(), c, where, index, s));
    }

    private static void chat(String label, JsonNode c, String where, int index, SessionSink sink) {
        String path = "$[" + index + "]";
        String name = label + " " + path;
        String id = c.isObject() ? AppMessages.text(c, "id") : null;
        JsonNode chat = c.path("chat");
        if (id == null || !chat.isObject()) {
            sink.failed(name, List.of(new ImportProblem(where, UserText.of("import", "openwebui.chat", path))));
            return;
        }
        JsonNode history = chat.path("history").path("messages");
        ConversationTree tree = new ConversationTree();
        long fallback = AppMessages.seconds(c.get("created_at"), 0);
        List<NewMessage> all = new ArrayList<>();
        if (history.isObject()) {
            for (Map.Entry<String, JsonNode> e : history.properties()) {
                JsonNode m = e.getValue();
                String parent = m.path("parentId").isTextual() ? m.get("parentId").textValue() : null;
                NewMessage msg = message(e.getKey(), m, fallback);
                tree.add(new ConversationTree.Node(e.getKey(), parent, msg));
                if (msg != null) {
                    all.add(msg);
                }
            }
        } else if (chat.path("messages").isArray()) {
            String previous = null;
            for (JsonNode m : chat.get("messages")) {
                String mid = m.path("id").asText("m" + all.size());
                NewMessage msg = message(mid, m, fallback);
                tree.add(new ConversationTree.Node(mid, previous, msg));
                previous = mid;
                if (msg != null) {
                    all.add(msg);
                }
            }
        } else {
            sink.failed(name, List.of(new ImportProblem(where, UserText.of("import", "openwebui.noMessages", path + ".chat"))));
            return;
        }
        String title = Titles.collapseWhitespace(AppMessages.text(c, "title"));
        if (title == null || "New Chat".equals(title)) {
            title = Titles.fromFirstUserText(all);
        }
        Long created = Timestamps.millis(c.get("created_at"));
        Long archived = c.path("archived").asBoolean(false) ? Timestamps.millis(c.get("updated_at")) : null;
        if (c.path("archived").asBoolean(false) && archived == null) {
            archived = created != null ? created : 0L;
        }
        List<String> warnings = new ArrayList<>();
        SourceSession main = new SourceSession(ORIGIN, id, name, title, title == null ? TitleSource.NONE : TitleSource.AUTO,
                null, created, archived, null, null, List.of(), null);
        tree.emit(main, chat.path("history").path("currentId").asText(null), sink, warnings);
        warnings.forEach(w -> sink.note(new ImportProblem(where, path + ": " + w)));
    }

    private static NewMessage message(String id, JsonNode m, long fallback) {
        Role role = AppMessages.role(m);
        if (role == null) {
            return null;
        }
        ArrayNode items = AppMessages.items();
        JsonNode content = m.get("content");
        if (content != null && content.isTextual()) {
            AppMessages.text(items, content.textValue());
        } else if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asText())) {
                    AppMessages.text(items, part.path("text").asText(""));
                } else {
                    AppMessages.kept(items, "openWebUiContent", part);
                }
            }
        }
        for (JsonNode f : m.path("files")) {
            String file = f.path("name").asText(f.path("file").path("filename").asText(""));
            if (!file.isBlank()) {
                AppMessages.text(items, "Attached: " + file + " (the file is not in the export)");
            }
        }
        return AppMessages.message(id, role, AppMessages.seconds(m.get("timestamp"), fallback), items);
    }
}
