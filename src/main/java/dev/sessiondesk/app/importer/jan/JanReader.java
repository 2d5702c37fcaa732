package dev.sessiondesk.app.importer.jan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sessiondesk.app.importer.AppMessages;
import dev.sessiondesk.app.importer.FormatDetector;
import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportProblem;
import dev.sessiondesk.app.importer.JsonLocations;
import dev.sessiondesk.app.importer.SafePaths;
import dev.sessiondesk.app.importer.SessionSink;
import dev.sessiondesk.app.importer.SourceSession;
import dev.sessiondesk.app.importer.Timestamps;
import dev.sessiondesk.app.importer.Titles;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.TitleSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Jan's threads ({@code <jan data folder>/threads/<thread id>/}): {@code thread.json}
 * ({@code {id, title, created, updated, assistants[]}}) and {@code messages.jsonl}, one message a
 * line: {@code {id, thread_id, role, content: [{type: text, text: {value, annotations}}], created}}.
 * One thread is one session (identity: the thread id); a bad line is located (file:line) and its
 * thread is not imported. Given the data folder, the threads folder or one thread folder.
 */
public final class JanReader {
    static final String ORIGIN = "jan";
    private final ImportOptions options;

    public JanReader(ImportOptions options) {
        this.options = options;
    }

    public void read(Path folder, SessionSink sink) throws IOException {
        List<Path> threads = FormatDetector.janThreads(folder);
        int done = 0;
        for (Path thread : threads) {
            readThread(folder, thread, sink);
            sink.progress(++done, threads.size());
        }
    }

    private void readThread(Path root, Path thread, SessionSink sink) throws IOException {
        String label = (thread.getFileName() == null ? thread : thread.getFileName()) + "/thread.json";
        JsonNode meta;
        try {
            Path file = SafePaths.inside(root, thread.resolve("thread.json"));
            SafePaths.withinLimit(file, label, options.maxBytes());
            meta = JsonLocations.STREAM_MAPPER.readTree(Files.readString(file));
        } catch (SafePaths.RefusedPathException e) {
            sink.failed(label, List.of(new ImportProblem(e.where(), e.reason())));
            return;
        } catch (JsonProcessingException e) {
            sink.failed(label, List.of(new ImportProblem(JsonLocations.at(label, e), UserText.of("import", "reason.notJson", JsonLocations.reason(e)))));
            return;
        }
        String id = meta == null ? null : AppMessages.text(meta, "id");
        if (id == null) {
            id = thread.getFileName().toString();
        }
        long fallback = AppMessages.seconds(meta.get("created"), Files.getLastModifiedTime(thread).toMillis() / 1000);
        List<NewMessage> messages = new ArrayList<>();
        Path jsonl = thread.resolve("messages.jsonl");
        String jsonlLabel = thread.getFileName() + "/messages.jsonl";
        if (Files.exists(jsonl)) {
            try {
                SafePaths.withinLimit(SafePaths.inside(root, jsonl), jsonlLabel, options.maxBytes());
            } catch (SafePaths.RefusedPathException e) {
                sink.failed(jsonlLabel, List.of(new ImportProblem(e.where(), e.reason())));
                return;
            }
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(jsonl), decoder))) {
                int number = 0;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode m;
                    try {
                        m = JsonLocations.STREAM_MAPPER.readTree(line);
                    } catch (JsonProcessingException e) {
                        sink.failed(label, List.of(new ImportProblem(jsonlLabel + ":" + number,
                                UserText.of("import", "reason.notJson", JsonLocations.reason(e)))));
                        return;
                    }
                    NewMessage msg = message(m, fallback);
                    if (msg != null) {
                        messages.add(msg);
                        fallback = msg.created();
                    }
                }
            } catch (java.nio.charset.CharacterCodingException e) {
                sink.failed(label, List.of(new ImportProblem(jsonlLabel, UserText.of("import", "reason.isNotUtf8"))));
                return;
            }
        }
        String title = Titles.collapseWhitespace(AppMessages.text(meta, "title"));
        if (title == null || "New Thread".equals(title)) {
            title = Titles.fromFirstUserText(messages);
        }
        if (messages.isEmpty()) {
            sink.note(new ImportProblem(label, UserText.of("import", "jan.noMessages")));
            return;
        }
        sink.session(new SourceSession(ORIGIN, id, label, title, title == null ? TitleSource.NONE : TitleSource.AUTO,
                null, Timestamps.millis(meta.get("created")), null, null, null, messages, null));
    }

    private static NewMessage message(JsonNode m, long fallback) {
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
                String type = part.path("type").asText("");
                if ("text".equals(type)) {
                    JsonNode text = part.get("text");
                    AppMessages.text(items, text != null && text.isObject() ? text.path("value").asText("") : part.path("text").asText(""));
                } else {
                    AppMessages.kept(items, "janContent", part);
                }
            }
        }
        return AppMessages.message(AppMessages.text(m, "id"), role, AppMessages.seconds(m.get("created"), fallback), items);
    }
}
