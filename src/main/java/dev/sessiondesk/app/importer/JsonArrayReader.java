package dev.sessiondesk.app.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.text.UserText;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a JSON array of conversations one element at a time (an export of years of chats never sits
 * in memory whole) and hands each, with its JSON path, to a converter. A conversation over the size
 * limit is skipped with a located message, measured in a first pass without being read into memory
 * (only when the file itself is over the limit); an unreadable spot ends the file, keeping what came
 * before. ChatGPT, Claude and Open WebUI exports are such arrays.
 */
public final class JsonArrayReader {
    public interface Conversation {
        void read(JsonNode conversation, String where, int index, SessionSink sink);
    }

    private JsonArrayReader() {
    }

    public static void read(ImportSource source, String what, long maxBytes, SessionSink sink, Conversation each) throws IOException {
        String label = source.label();
        List<Long> sizes = source.size() > maxBytes ? elementSizes(source) : List.of();
        int index = 0;
        try (InputStream in = source.open(); JsonParser p = JsonLocations.STREAM_MAPPER.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                sink.failed(label, List.of(new ImportProblem(JsonLocations.at(label, p), UserText.of("import", "rule.conversations", what))));
                return;
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    sink.failed(label + " $[" + index + "]", List.of(new ImportProblem(JsonLocations.at(label, p),
                            UserText.of("import", "reason.endOfFile"))));
                    return;
                }
                String where = JsonLocations.at(label, p);
                if (index < sizes.size() && sizes.get(index) > maxBytes) {
                    p.skipChildren();
                    sink.failed(label + " $[" + index + "]", List.of(new ImportProblem(where, UserText.of("import",
                            "reason.conversationTooLarge", "$[" + index + "]", SafePaths.megabytes(sizes.get(index)),
                            SafePaths.megabytes(maxBytes)))));
                } else {
                    each.read(JsonLocations.STREAM_MAPPER.readTree(p), where, index, sink);
                }
                index++;
                sink.progress(p.currentLocation().getByteOffset(), source.size());
            }
        } catch (JsonProcessingException e) {
            sink.failed(label + " $[" + index + "]", List.of(new ImportProblem(JsonLocations.at(label, e),
                    UserText.of("import", "reason.notJsonAt", "$[" + index + "]", JsonLocations.reason(e)))));
        }
    }

    /**
     * The size in bytes of each element, measured without keeping any of them; stops at the first
     * unreadable spot (the reading pass reports it).
     */
    private static List<Long> elementSizes(ImportSource source) throws IOException {
        List<Long> sizes = new ArrayList<>();
        try (InputStream in = source.open(); JsonParser p = JsonLocations.STREAM_MAPPER.getFactory().createParser(in)) {
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

    /**
     * A whole JSON document within the size limit, or null when it is refused or unreadable (then
     * {@code sink} has been told why, located).
     */
    public static JsonNode readWhole(ImportSource source, long maxBytes, SessionSink sink) throws IOException {
        String label = source.label();
        if (source.size() > maxBytes) {
            sink.failed(label, List.of(new ImportProblem(label, UserText.of("import", "reason.fileTooLarge",
                    SafePaths.megabytes(source.size()), SafePaths.megabytes(maxBytes)))));
            return null;
        }
        try (InputStream in = source.open()) {
            JsonNode root = JsonLocations.STREAM_MAPPER.readTree(in);
            if (root == null) {
                sink.failed(label, List.of(new ImportProblem(label, UserText.of("import", "reason.emptyJson"))));
            }
            return root;
        } catch (JsonProcessingException e) {
            sink.failed(label, List.of(new ImportProblem(JsonLocations.at(label, e), UserText.of("import", "reason.notJson", JsonLocations.reason(e)))));
            return null;
        }
    }
}
