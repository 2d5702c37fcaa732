package dev.sessiondesk.app.importer.chatgpt;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportProblem;
import dev.sessiondesk.app.importer.ImportSource;
import dev.sessiondesk.app.importer.JsonLocations;
import dev.sessiondesk.app.importer.SafePaths;
import dev.sessiondesk.app.importer.SessionSink;
import dev.sessiondesk.model.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
        long size = file.size();
        List<Long> sizes = size > options.maxBytes() ? conversationSizes(file) : List.of();
        int index = 0;
        try (InputStream in = file.open();
             JsonParser p = JsonLocations.STREAM_MAPPER.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                sink.failed(label, List.of(new ImportProblem(JsonLocations.at(label, p),
                        "$: a ChatGPT export is a JSON array of conversations")));
                return;
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    sink.failed(label + " $[" + index + "]", List.of(new ImportProblem(JsonLocations.at(label, p),
                            "unexpected end of the file; the conversations before it were read")));
                    return;
                }
                String where = JsonLocations.at(label, p);
                if (index < sizes.size() && sizes.get(index) > options.maxBytes()) {
                    p.skipChildren();
                    sink.failed(label + " $[" + index + "]", List.of(new ImportProblem(where, "$[" + index
                            + "]: refused, the conversation is " + SafePaths.megabytes(sizes.get(index)) + " MB, over the "
                            + SafePaths.megabytes(options.maxBytes()) + " MB limit (raise it with --max-size)")));
                    index++;
                    continue;
                }
                JsonNode conversation = JsonLocations.STREAM_MAPPER.readTree(p);
                ChatGptConversation c = new ChatGptConversation(label, where, index, conversation, options.partial());
                String id = c.conversationId();
                String first = id == null ? null : seen.putIfAbsent(id, label + " $[" + index + "]");
                if (first != null) {
                    // The same conversation twice in one export: said where, then handled as a re-import.
                    sink.note(new ImportProblem(where, "$[" + index + "]: conversation id \"" + id
                            + "\" appears again (first at " + first + "); only messages the first copy lacks are added"));
                }
                c.emit(sink);
                index++;
                sink.progress(p.currentLocation().getByteOffset(), size);
            }
        } catch (JsonProcessingException e) {
            // Everything up to the previous conversation was already handed over; this one is unreadable.
            sink.failed(label + " $[" + index + "]", List.of(new ImportProblem(JsonLocations.at(label, e),
                    "$[" + index + "]: not valid JSON (" + JsonLocations.reason(e) + ")")));
        }
    }

    /**
     * The size in bytes of each conversation, measured without keeping any of them; stops at the
     * first unreadable spot (the reading pass reports it).
     */
    private static List<Long> conversationSizes(ImportSource file) throws IOException {
        List<Long> sizes = new ArrayList<>();
        try (InputStream in = file.open();
             JsonParser p = JsonLocations.STREAM_MAPPER.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return sizes;
            }
            for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
                long start = p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                sizes.add(p.currentLocation().getByteOffset() - start);
            }
        } catch (JsonProcessingException e) {
            // measured as far as it is readable
        }
        return sizes;
    }
}
