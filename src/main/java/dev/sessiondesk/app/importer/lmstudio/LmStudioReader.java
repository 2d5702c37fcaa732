package dev.sessiondesk.app.importer.lmstudio;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * LM Studio's conversation files ({@code ~/.lmstudio/conversations/<id>.conversation.json}): an
 * object {@code {name, createdAt, systemPrompt, messages: [{versions: [...], currentlySelected}]}}.
 * A user version is {@code {role, content: [{type: text, text}]}}; an assistant version is
 * {@code {type: multiStep, role, steps: [{type: contentBlock, content: [...]}], senderInfo}}. The
 * selected versions are the session; every other version of a message is a fork at that message
 * (LM Studio's "regenerate" keeps them side by side). The file name is the session's identity.
 */
public final class LmStudioReader {
    static final String ORIGIN = "lmstudio";
    private final ImportOptions options;

    public LmStudioReader(ImportOptions options) {
        this.options = options;
    }

    public void read(ImportSource source, SessionSink sink) throws IOException {
        String label = source.label();
        JsonNode c = JsonArrayReader.readWhole(source, options.maxBytes(), sink);
        if (c == null) {
            return;
        }
        if (c == null || !c.isObject() || !c.path("messages").isArray()) {
            sink.failed(label, List.of(new ImportProblem(label, UserText.of("import", "lmstudio.messages"))));
            return;
        }
        long fallback = AppMessages.seconds(c.get("createdAt"), source.modified() / 1000);
        ConversationTree tree = new ConversationTree();
        String previous = null;
        List<NewMessage> selected = new ArrayList<>();
        int i = 0;
        for (JsonNode m : c.get("messages")) {
            JsonNode versions = m.path("versions");
            int chosen = m.path("currentlySelected").asInt(0);
            String mainId = null;
            for (int v = 0; v < versions.size(); v++) {
                String id = "m" + i + (v == chosen ? "" : "v" + v);
                NewMessage msg = message(versions.get(v), fallback);
                tree.add(new ConversationTree.Node(id, previous, msg));
                if (v == chosen) {
                    mainId = id;
                    if (msg != null) {
                        selected.add(msg);
                    }
                }
            }
            if (mainId == null) {
                sink.failed(label, List.of(new ImportProblem(label, UserText.of("import", "lmstudio.version", "$.messages[" + i + "].versions", chosen))));
                return;
            }
            previous = mainId;
            i++;
        }
        String ref = label.replaceFirst("^.*!", "").replaceFirst("\\.conversation\\.json$", "");
        String title = Titles.collapseWhitespace(AppMessages.text(c, "name"));
        if (title == null) {
            title = Titles.fromFirstUserText(selected);
        }
        Long created = Timestamps.millis(c.get("createdAt"));
        SourceSession main = new SourceSession(ORIGIN, ref, label, title, title == null ? TitleSource.NONE : TitleSource.AUTO,
                null, created, null, null, null, List.of(), null);
        List<String> warnings = new ArrayList<>();
        tree.emit(main, previous, sink, warnings);
    }

    private static NewMessage message(JsonNode version, long fallback) {
        Role role = AppMessages.role(version);
        if (role == null) {
            return null;
        }
        ArrayNode items = AppMessages.items();
        if (version.path("steps").isArray()) {
            for (JsonNode step : version.get("steps")) {
                if ("contentBlock".equals(step.path("type").asText())) {
                    blocks(items, step.path("content"));
                } else {
                    AppMessages.kept(items, "lmstudioStep", step);
                }
            }
        } else {
            blocks(items, version.path("content"));
        }
        return AppMessages.message(null, role, fallback, items);
    }

    private static void blocks(ArrayNode items, JsonNode content) {
        for (JsonNode block : content) {
            switch (block.path("type").asText("")) {
                case "text" -> AppMessages.text(items, block.path("text").asText(""));
                case "file" -> AppMessages.text(items, "Attached: " + block.path("name").asText(block.path("fileIdentifier").asText("a file"))
                        + " (the file is not in the conversation file)");
                default -> AppMessages.kept(items, "lmstudioContent", block);
            }
        }
    }
}
