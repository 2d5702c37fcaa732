package dev.sessiondesk.app.importer.goose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportProblem;
import dev.sessiondesk.app.importer.JsonLocations;
import dev.sessiondesk.app.importer.SafePaths;
import dev.sessiondesk.app.importer.SessionSink;
import dev.sessiondesk.app.importer.SourceSession;
import dev.sessiondesk.app.importer.Titles;
import dev.sessiondesk.app.importer.Utf8Lines;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.MalformedMessageException;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.TitleSource;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Goose's legacy per-session files ({@code sessions/*.jsonl}): line 1 is the session's metadata,
 * every further line one Goose message. A file is read line by line; only the session being read is
 * in memory. Unlike Goose, a line that cannot be read is reported (file:line) and, unless partial
 * imports were asked for, nothing of that file is imported.
 */
public final class GooseJsonlReader {
    static final String ORIGIN = "goose";
    /** After this many bad lines in one file, the rest are summarised: the file is unreadable anyway. */
    private static final int MAX_PROBLEMS_PER_FILE = 20;

    private final ImportOptions options;

    public GooseJsonlReader(ImportOptions options) {
        this.options = options;
    }

    /** Reads {@code source}: one {@code .jsonl} file, or every {@code *.jsonl} directly in a folder. */
    public void read(Path source, SessionSink sink) throws IOException {
        if (!Files.isDirectory(source)) {
            readFile(null, source, sink); // a file the user named: read it wherever it is
            return;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(source, "*.jsonl")) {
            dir.forEach(files::add);
        }
        files.sort(null);
        int done = 0;
        for (Path file : files) {
            readFile(source, file, sink);
            sink.progress(++done, files.size());
        }
    }

    /** Reads one file; {@code root} is the folder it was found in (null for a file named directly). */
    private void readFile(Path root, Path file, SessionSink sink) throws IOException {
        String label = file.getFileName().toString();
        Path real;
        try {
            real = root == null ? file.toRealPath() : SafePaths.inside(root, file);
            SafePaths.withinLimit(real, label, options.maxBytes());
        } catch (SafePaths.RefusedPathException e) {
            sink.failed(label, List.of(new ImportProblem(label, e.reason())));
            return;
        }
        if (!Files.isRegularFile(real)) {
            sink.failed(label, List.of(new ImportProblem(label, UserText.of("import", "reason.notAFile"))));
            return;
        }
        // Goose names a session file after its id.
        String sessionId = label.endsWith(".jsonl") ? label.substring(0, label.length() - ".jsonl".length()) : label;
        FileState state = new FileState(label, Files.getLastModifiedTime(real).toMillis());
        try (Utf8Lines lines = new Utf8Lines(Files.newInputStream(real))) {
            while (true) {
                String line;
                try {
                    line = lines.next();
                } catch (CharacterCodingException e) {
                    state.unreadableLine(lines.lineNumber(), UserText.of("import", "reason.notUtf8"));
                    continue;
                }
                if (line == null) {
                    break;
                }
                state.line(lines.lineNumber(), line, sink);
            }
        }
        state.finish(sessionId, sink);
    }

    /** What has been read of one file so far. */
    private final class FileState {
        private final String label;
        private final long fileTime;
        private final List<NewMessage> messages = new ArrayList<>();
        private final List<ImportProblem> problems = new ArrayList<>();
        private int problemCount;
        private boolean sawFirstLine;
        private String title;
        private String workingDir;
        private boolean hasMetadata;

        FileState(String label, long fileTime) {
            this.label = label;
            this.fileTime = fileTime;
        }

        void line(int number, String text, SessionSink sink) {
            if (text.isBlank()) {
                return;
            }
            JsonNode node;
            try {
                node = CanonicalJson.parse(text);
            } catch (JsonProcessingException e) {
                problem(number, UserText.of("import", "reason.notJson", JsonLocations.reason(e)));
                sawFirstLine = true;
                return;
            } catch (RuntimeException e) {
                problem(number, UserText.of("import", "reason.unreadable", String.valueOf(e.getMessage())));
                sawFirstLine = true;
                return;
            }
            boolean first = !sawFirstLine;
            sawFirstLine = true;
            if (first) {
                if (node.isObject() && !(node.has("role") && node.has("content"))) {
                    metadata(number, node);
                    return;
                }
                if (node.isObject()) {
                    sink.note(new ImportProblem(label + ":" + number, UserText.of("import", "reason.noMetadata")));
                }
            }
            if (problemCount > 0) {
                // The file is already damaged: only look for further bad lines, keep the prefix as it is.
                checkOnly(number, node);
                return;
            }
            try {
                messages.add(GooseMessageRows.read(node, fallbackSeconds()));
            } catch (MalformedMessageException e) {
                problem(number, e.path() + ": " + reasonOf(e));
            }
        }

        private void checkOnly(int number, JsonNode node) {
            try {
                GooseMessageRows.read(node, 0);
            } catch (MalformedMessageException e) {
                problem(number, e.path() + ": " + reasonOf(e));
            }
        }

        private void metadata(int number, JsonNode node) {
            hasMetadata = true;
            JsonNode description = node.get("description");
            if (description != null && !description.isNull()) {
                if (description.isTextual()) {
                    title = Titles.collapseWhitespace(description.textValue());
                } else {
                    problem(number, UserText.of("import", "rule.string", "$.description"));
                }
            }
            JsonNode dir = node.get("working_dir");
            if (dir != null && !dir.isNull()) {
                if (dir.isTextual()) {
                    workingDir = dir.textValue().isBlank() ? null : dir.textValue();
                } else {
                    problem(number, UserText.of("import", "rule.string", "$.working_dir"));
                }
            }
        }

        void unreadableLine(int number, UserText reason) {
            sawFirstLine = true;
            problem(number, reason);
        }

        private long fallbackSeconds() {
            return messages.isEmpty() ? fileTime / 1000 : messages.get(messages.size() - 1).created();
        }

        void problem(int line, String reason) {
            problem(line, UserText.plain(reason));
        }

        void problem(int line, UserText reason) {
            problemCount++;
            if (problems.size() < MAX_PROBLEMS_PER_FILE) {
                problems.add(new ImportProblem(label + ":" + line, reason));
            }
        }

        void finish(String sessionId, SessionSink sink) {
            if (!sawFirstLine && problemCount == 0) {
                sink.failed(label, List.of(new ImportProblem(label, UserText.of("import", "reason.emptyJsonl"))));
                return;
            }
            List<ImportProblem> reported = new ArrayList<>(problems);
            if (problemCount > problems.size()) {
                reported.add(new ImportProblem(label, UserText.of("import", "moreBadLines", problemCount - problems.size())));
            }
            String partialReason = null;
            if (problemCount > 0) {
                boolean anythingReadable = hasMetadata || !messages.isEmpty();
                if (!options.partial() || !anythingReadable) {
                    sink.failed(label, reported);
                    return;
                }
                partialReason = "only the readable part was imported: " + problems.get(0);
                reported.forEach(sink::note);
            }
            String t = title;
            TitleSource source = TitleSource.AUTO;
            if (t == null) {
                t = Titles.fromFirstUserText(messages);
                source = t == null ? TitleSource.NONE : TitleSource.AUTO;
            }
            Long created = messages.isEmpty() ? fileTime : messages.get(0).created() * 1000;
            sink.session(new SourceSession(ORIGIN, sessionId, label, t, source, workingDir, created, null,
                    null, null, messages, partialReason));
        }
    }

    static String reasonOf(MalformedMessageException e) {
        String m = e.getMessage();
        String prefix = e.path() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }
}
