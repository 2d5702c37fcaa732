package dev.sessiondesk.app.importer.chatbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sessiondesk.app.importer.AppMessages;
import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportProblem;
import dev.sessiondesk.app.importer.ImportSource;
import dev.sessiondesk.app.importer.JsonArrayReader;
import dev.sessiondesk.app.importer.SessionSink;
import dev.sessiondesk.app.importer.SourceSession;
import dev.sessiondesk.app.importer.Titles;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.TitleSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chatbox's data export ({@code chatbox-exported-data-<date>.json}, Settings → Backup): an object
 * holding either {@code "chat-sessions": [session]} (older versions) or {@code "chat-sessions-list"}
 * with one {@code "session:<id>"} key per session (newer ones). A session is {@code {id, name,
 * messages: [{id, role, content | contentParts: [{type, text}], timestamp}]}}. System messages are
 * settings, not conversation; images are stored by Chatbox outside the export and are named only.
 */
public final class ChatboxReader {
    static final String ORIGIN = "chatbox";
    private final ImportOptions options;

    public ChatboxReader(ImportOptions options) {
        this.options = options;
    }

    public void read(ImportSource source, SessionSink sink) throws IOException {
        String label = source.label();
        JsonNode root = JsonArrayReader.readWhole(source, options.maxBytes(), sink);
        if (root == null) {
            return;
        }
        List<Map.Entry<String, JsonNode>> sessions = new ArrayList<>();
        if (root != null && root.path("chat-sessions").isArray()) {
            int i = 0;
            for (JsonNode s : root.get("chat-sessions")) {
                sessions.add(Map.entry("$[\"chat-sessions\"][" + i++ + "]", s));
            }
        }
        if (root != null && root.isObject()) {
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                if (e.getKey().startsWith("session:") && e.getValue().isObject()) {
                    sessions.add(Map.entry("$[\"" + e.getKey() + "\"]", e.getValue()));
                }
            }
        }
        if (sessions.isEmpty()) {
            sink.failed(label, List.of(new ImportProblem(label, UserText.of("import", "chatbox.notExport"))));
            return;
        }
        for (Map.Entry<String, JsonNode> e : sessions) {
            session(label, e.getKey(), e.getValue(), source.modified() / 1000, sink);
        }
    }

    private static void session(String label, String path, JsonNode s, long fallback, SessionSink sink) {
        String name = label + " " + path;
        String id = AppMessages.text(s, "id");
        if (id == null || !s.path("messages").isArray()) {
            sink.failed(name, List.of(new ImportProblem(label, UserText.of("import", "chatbox.session", path))));
            return;
        }
        List<NewMessage> messages = new ArrayList<>();
        int images = 0;
        for (JsonNode m : s.get("messages")) {
            Role role = AppMessages.role(m);
            if (role == null) {
                continue;
            }
            ArrayNode items = AppMessages.items();
            if (m.path("contentParts").isArray() && !m.get("contentParts").isEmpty()) {
                for (JsonNode part : m.get("contentParts")) {
                    switch (part.path("type").asText("")) {
                        case "text" -> AppMessages.text(items, part.path("text").asText(""));
                        case "image" -> images++;
                        default -> AppMessages.kept(items, "chatboxContent", part);
                    }
                }
            } else {
                AppMessages.text(items, AppMessages.text(m, "content"));
            }
            long created = AppMessages.seconds(m.get("timestamp"), fallback);
            fallback = created;
            NewMessage msg = AppMessages.message(AppMessages.text(m, "id"), role, created, items);
            if (msg != null) {
                messages.add(msg);
            }
        }
        if (images > 0) {
            sink.note(new ImportProblem(label, UserText.of("import", "chatbox.images", path, images)));
        }
        if (messages.isEmpty()) {
            sink.note(new ImportProblem(label, UserText.of("import", "chatbox.noMessages", path)));
            return;
        }
        String title = Titles.collapseWhitespace(AppMessages.text(s, "name"));
        if (title == null || "Untitled".equals(title) || "New Chat".equals(title)) {
            title = Titles.fromFirstUserText(messages);
        }
        sink.session(new SourceSession(ORIGIN, id, name, title, title == null ? TitleSource.NONE : TitleSource.AUTO, null,
                messages.get(0).created() * 1000, null, null, null, messages, null));
    }
}
