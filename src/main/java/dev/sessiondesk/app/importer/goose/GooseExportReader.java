package dev.sessiondesk.app.importer.goose;

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
import dev.sessiondesk.app.importer.SourceSession;
import dev.sessiondesk.app.importer.Timestamps;
import dev.sessiondesk.app.importer.Titles;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.MalformedMessageException;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.TitleSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Goose session export ({@code GET /sessions/{id}/export}): one JSON object whose
 * {@code conversation} array holds the messages. The object is streamed; each message is parsed on
 * its own and located by JSON path. Both the newer shape ({@code name}, {@code usage{}}) and the older
 * one ({@code description}, flat token counts) are read; token counts are not stored.
 */
public final class GooseExportReader {
    private final ImportOptions options;

    public GooseExportReader(ImportOptions options) {
        this.options = options;
    }

    public void read(Path file, SessionSink sink) throws IOException {
        String label = file.getFileName().toString();
        try {
            SafePaths.withinLimit(file, label, options.maxBytes());
        } catch (SafePaths.RefusedPathException e) {
            sink.failed(label, List.of(new ImportProblem(label, e.reason())));
            return;
        }
        read(ImportSource.of(file), sink);
    }

    /** An export already known to be within the size limit (a file checked above, or a zip entry). */
    public void read(ImportSource file, SessionSink sink) throws IOException {
        String label = file.label();
        if (file.size() > options.maxBytes()) {
            sink.failed(label, List.of(new ImportProblem(label, UserText.of("import", "reason.fileTooLarge",
                    SafePaths.megabytes(file.size()), SafePaths.megabytes(options.maxBytes())))));
            return;
        }
        long fileTime = file.modified();
        Fields f = new Fields();
        List<ImportProblem> problems = new ArrayList<>();
        try (InputStream in = file.open();
             JsonParser p = JsonLocations.STREAM_MAPPER.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                sink.failed(label, List.of(new ImportProblem(JsonLocations.at(label, p),
                        "$: a Goose session export is a JSON object")));
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("conversation".equals(name)) {
                    readConversation(p, value, label, fileTime, f, problems);
                } else {
                    f.scalar(name, JsonLocations.STREAM_MAPPER.readTree(p), label, problems);
                }
            }
            if (p.nextToken() != null) {
                problems.add(new ImportProblem(JsonLocations.at(label, p), UserText.of("import", "goose.trailing")));
            }
        } catch (JsonProcessingException e) {
            problems.add(new ImportProblem(JsonLocations.at(label, e), UserText.of("import", "reason.notJson", JsonLocations.reason(e))));
        }
        if (!f.sawConversation && problems.isEmpty()) {
            problems.add(new ImportProblem(label, UserText.of("import", "reason.notGooseExport")));
        }
        String ref = f.id != null ? f.id : label.replaceFirst("\\.json$", "");
        String partialReason = null;
        if (!problems.isEmpty()) {
            if (!options.partial() || !f.sawConversation) {
                sink.failed(label, problems);
                return;
            }
            partialReason = "only the readable part was imported: " + problems.get(0);
            problems.forEach(sink::note);
        }
        String title = f.name != null ? f.name : f.description;
        TitleSource source = title == null ? TitleSource.NONE : f.userSetName ? TitleSource.USER : TitleSource.AUTO;
        if (title == null) {
            title = Titles.fromFirstUserText(f.messages);
            source = title == null ? TitleSource.NONE : TitleSource.AUTO;
        }
        Long created = f.createdAt != null ? f.createdAt
                : f.messages.isEmpty() ? fileTime : f.messages.get(0).created() * 1000;
        sink.session(new SourceSession(GooseJsonlReader.ORIGIN, ref, label, title, source, f.workingDir, created,
                f.archivedAt, null, null, f.messages, partialReason));
    }

    private void readConversation(JsonParser p, JsonToken value, String label, long fileTime, Fields f,
                                  List<ImportProblem> problems) throws IOException {
        f.sawConversation = true;
        if (value != JsonToken.START_ARRAY) {
            problems.add(new ImportProblem(JsonLocations.at(label, p), UserText.of("import", "goose.conversation")));
            p.skipChildren();
            return;
        }
        int i = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "unexpected end of the file in $.conversation");
            }
            String where = JsonLocations.at(label, p);
            JsonNode node = JsonLocations.STREAM_MAPPER.readTree(p);
            if (problems.isEmpty()) {
                long fallback = f.messages.isEmpty() ? fileTime / 1000 : f.messages.get(f.messages.size() - 1).created();
                try {
                    f.messages.add(GooseMessageRows.read(node, fallback));
                } catch (MalformedMessageException e) {
                    problems.add(new ImportProblem(where, "$.conversation[" + i + "]" + e.path().substring(1) + ": "
                            + GooseJsonlReader.reasonOf(e)));
                }
            }
            i++;
        }
    }

    /** The session-level fields of the export that SessionDesk keeps. */
    private static final class Fields {
        String id;
        String name;
        String description;
        boolean userSetName;
        String workingDir;
        Long createdAt;
        Long archivedAt;
        boolean sawConversation;
        final List<NewMessage> messages = new ArrayList<>();

        void scalar(String field, JsonNode v, String label, List<ImportProblem> problems) {
            if (v == null || v.isNull()) {
                return;
            }
            switch (field) {
                case "id" -> id = text(field, v, label, problems);
                case "name" -> name = Titles.collapseWhitespace(text(field, v, label, problems));
                case "description" -> description = Titles.collapseWhitespace(text(field, v, label, problems));
                case "working_dir" -> {
                    String dir = text(field, v, label, problems);
                    workingDir = dir == null || dir.isBlank() ? null : dir;
                }
                case "user_set_name" -> {
                    if (v.isBoolean()) {
                        userSetName = v.booleanValue();
                    } else {
                        problems.add(new ImportProblem(label, UserText.of("import", "rule.boolean", "$.user_set_name")));
                    }
                }
                case "created_at" -> createdAt = Timestamps.millis(v);
                case "archived_at" -> archivedAt = Timestamps.millis(v);
                default -> {
                    // usage{}, accumulated_usage, flat token counts, recipe, extension_data …: not stored.
                }
            }
        }

        private static String text(String field, JsonNode v, String label, List<ImportProblem> problems) {
            if (!v.isTextual()) {
                problems.add(new ImportProblem(label, UserText.of("import", "rule.string", "$." + field)));
                return null;
            }
            return v.textValue();
        }
    }
}
