package dev.sessiondesk.app.importer.chatgpt;

import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportProblem;
import dev.sessiondesk.app.importer.ImportSource;
import dev.sessiondesk.app.importer.JsonArrayReader;
import dev.sessiondesk.app.importer.SessionSink;
import dev.sessiondesk.app.text.UserText;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * ChatGPT's {@code conversations.json}: a top-level array streamed one conversation at a time (an
 * export of years of chats never sits in memory whole). Each conversation tree is turned into
 * sessions by {@link ChatGptConversation}.
 *
 * <p>Exports are often larger than the size limit, so here the limit applies to each conversation:
 * when the file is larger than the limit, a first streaming pass (which keeps nothing) measures every
 * conversation, and one over the limit is skipped with a message instead of being loaded.
 */
public final class ChatGptReader {
    static final String ORIGIN = "chatgpt";

    private final ImportOptions options;
    /** Conversation id → where it was first read, across every file of one export (split exports). */
    private final Map<String, String> seen = new HashMap<>();

    public ChatGptReader(ImportOptions options) {
        this.options = options;
    }

    public void read(ImportSource file, SessionSink sink) throws IOException {
        String label = file.label();
        JsonArrayReader.read(file, "a ChatGPT export", options.maxBytes(), sink, (conversation, where, index, out) -> {
            ChatGptConversation c = new ChatGptConversation(label, where, index, conversation, options.partial());
            String id = c.conversationId();
            String first = id == null ? null : seen.putIfAbsent(id, label + " $[" + index + "]");
            if (first != null) {
                // The same conversation twice in one export: said where, then handled as a re-import.
                out.note(new ImportProblem(where, UserText.of("import", "chatgpt.again", "$[" + index + "]", id, first)));
            }
            c.emit(out);
        });
    }
}
