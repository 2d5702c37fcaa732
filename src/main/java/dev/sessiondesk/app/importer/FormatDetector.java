package dev.sessiondesk.app.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tells which source a file or folder is, by content rather than by name where it can:
 * an SQLite header is a Goose store, a JSON array a ChatGPT export, a JSON object a Goose session
 * export, {@code *.jsonl} Goose session files, and a folder with {@code agents/sessions} an agent
 * project. A Goose data folder holding both {@code sessions.db} and old {@code *.jsonl} files gives
 * two jobs (the database first; sessions present in both are recognised by their Goose id).
 */
public final class FormatDetector {
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private FormatDetector() {
    }

    public static List<ImportJob> detect(Path path, ImportFormat forced) throws IOException {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + " does not exist");
        }
        SafePaths.requireFileOrFolder(path);
        return forced == null ? detect(path) : List.of(forcedJob(path, forced));
    }

    private static ImportJob forcedJob(Path path, ImportFormat format) {
        boolean dir = Files.isDirectory(path);
        return switch (format) {
            case GOOSE_DB -> new ImportJob(format, dir ? path.resolve("sessions.db") : path);
            case CHATGPT -> new ImportJob(format, dir ? path.resolve("conversations.json") : path);
            case AGENTS -> {
                if (!dir) {
                    throw new IllegalArgumentException(path + " is not a folder; an agent project is the folder that holds agents/sessions");
                }
                yield new ImportJob(format, agentProject(path));
            }
            case GOOSE_EXPORT -> {
                if (dir) {
                    throw new IllegalArgumentException(path + " is a folder; a Goose session export is one JSON file");
                }
                yield new ImportJob(format, path);
            }
            case GOOSE_JSONL -> new ImportJob(format, path);
            case CLAUDE -> new ImportJob(format, dir ? path.resolve("conversations.json") : path);
            case OPEN_WEBUI, LM_STUDIO, CHATBOX -> {
                if (dir) {
                    throw new IllegalArgumentException(path + " is a folder; name the export file");
                }
                yield new ImportJob(format, path);
            }
            case JAN -> {
                if (!dir) {
                    throw new IllegalArgumentException(path + " is not a folder; Jan keeps threads in <data folder>/threads/<id>/");
                }
                yield new ImportJob(format, path);
            }
        };
    }

    private static List<ImportJob> detect(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            List<ImportJob> jobs = new ArrayList<>();
            if (Files.isDirectory(path.resolve("agents").resolve("sessions"))
                    || isAgentSessionsFolder(path)) {
                jobs.add(new ImportJob(ImportFormat.AGENTS, agentProject(path)));
                return jobs;
            }
            if (Files.isRegularFile(path.resolve("sessions.db"))) {
                jobs.add(new ImportJob(ImportFormat.GOOSE_DB, path.resolve("sessions.db")));
            }
            if (hasJsonl(path)) {
                jobs.add(new ImportJob(ImportFormat.GOOSE_JSONL, path));
            }
            if (Files.isRegularFile(path.resolve("conversations.json"))) {
                // ChatGPT and Claude both name their export conversations.json: the content tells.
                jobs.add(new ImportJob(detectFile(path.resolve("conversations.json")), path.resolve("conversations.json")));
            }
            if (!janThreads(path).isEmpty()) {
                jobs.add(new ImportJob(ImportFormat.JAN, path));
            }
            for (Path conversation : sorted(path, "*.conversation.json")) {
                jobs.add(new ImportJob(ImportFormat.LM_STUDIO, conversation));
            }
            // Exports made since 2025 split the conversations into numbered files.
            for (Path part : sorted(path, "conversations-[0-9]*.json")) {
                jobs.add(new ImportJob(ImportFormat.CHATGPT, part));
            }
            if (jobs.isEmpty()) {
                // A folder of exports: goose session exports (one JSON object each, as GET
                // /sessions/{id}/export writes) and the other apps' export files, each by its content.
                for (Path json : sorted(path, "*.json")) {
                    try {
                        jobs.add(new ImportJob(detectFile(json), json));
                    } catch (IllegalArgumentException e) {
                        // not an export: left alone
                    }
                }
            }
            if (jobs.isEmpty()) {
                throw new IllegalArgumentException("found nothing to import in " + path + " (looked for agents/sessions,"
                        + " sessions.db, *.jsonl, conversations.json, conversations-NNN.json and goose exports *.json); name the file, or pass --format");
            }
            return jobs;
        }
        return List.of(new ImportJob(detectFile(path), path));
    }

    static ImportFormat detectFile(Path file) throws IOException {
        byte[] head = new byte[4096];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= SQLITE_MAGIC.length && Arrays.equals(Arrays.copyOf(head, SQLITE_MAGIC.length), SQLITE_MAGIC)) {
            return ImportFormat.GOOSE_DB;
        }
        if (file.getFileName().toString().endsWith(".jsonl")) {
            return ImportFormat.GOOSE_JSONL;
        }
        int i = 0;
        if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < n && Character.isWhitespace(head[i])) {
            i++;
        }
        if (i < n && (head[i] == '[' || head[i] == '{')) {
            return byJsonShape(file, head[i] == '[');
        }
        throw new IllegalArgumentException("cannot tell what " + file + " is (not an SQLite database, not JSON);"
                + " pass --format");
    }

    /**
     * Which export a JSON file is, from the names of its top-level fields (an object) or of its first
     * element's (an array), read by streaming so a large export is not loaded: ChatGPT has
     * {@code mapping}, Claude {@code chat_messages}, Open WebUI {@code chat}; Chatbox's object has
     * {@code chat-sessions} or {@code session:<id>} keys, LM Studio's {@code messages} with
     * {@code versions}; any other object is read as a goose session export (its reader says what is
     * missing).
     */
    static ImportFormat byJsonShape(Path file, boolean array) throws IOException {
        return shapeOf(() -> Files.newInputStream(file), array).orElse(array ? ImportFormat.CHATGPT : ImportFormat.GOOSE_EXPORT);
    }

    /** The export a JSON document is when its shape says so for certain; empty when it does not. */
    static java.util.Optional<ImportFormat> shapeOf(ImportSource.Opener source, boolean array) throws IOException {
        java.util.Set<String> keys = new java.util.HashSet<>();
        boolean versions = false;
        try (InputStream in = source.open();
             com.fasterxml.jackson.core.JsonParser p = JsonLocations.STREAM_MAPPER.getFactory().createParser(in)) {
            p.nextToken();
            if (array && p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return java.util.Optional.empty(); // empty or odd: the ChatGPT reader reports what it finds
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String key = p.currentName();
                keys.add(key.startsWith("session:") ? "session:" : key);
                com.fasterxml.jackson.core.JsonToken value = p.nextToken();
                if (!array && "messages".equals(key) && value == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                    com.fasterxml.jackson.databind.JsonNode messages = JsonLocations.STREAM_MAPPER.readTree(p);
                    versions = !messages.isEmpty() && messages.get(0).has("versions");
                } else {
                    p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // unreadable further on: decide by what was seen; the reader locates the damage
        }
        ImportFormat found = null;
        if (array) {
            found = keys.contains("chat_messages") ? ImportFormat.CLAUDE
                    : keys.contains("mapping") ? ImportFormat.CHATGPT
                    : keys.contains("chat") ? ImportFormat.OPEN_WEBUI : null;
        } else if (keys.contains("conversation")) {
            found = ImportFormat.GOOSE_EXPORT;
        } else if (keys.contains("chat-sessions") || keys.contains("chat-sessions-list") || keys.contains("session:")) {
            found = ImportFormat.CHATBOX;
        } else if (versions) {
            found = ImportFormat.LM_STUDIO;
        }
        return java.util.Optional.ofNullable(found);
    }

    /** Jan's thread folders under {@code folder} (itself, when it is one): what makes a folder Jan's, and what its reader reads. */
    public static List<Path> janThreads(Path folder) throws IOException {
        if (Files.isRegularFile(folder.resolve("thread.json"))) {
            return List.of(folder);
        }
        Path threads = Files.isDirectory(folder.resolve("threads")) ? folder.resolve("threads") : folder;
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(threads)) {
            for (Path p : s) {
                if (Files.isRegularFile(p.resolve("thread.json"))) {
                    out.add(p);
                }
            }
        }
        out.sort(java.util.Comparator.comparing(Path::toString));
        return out;
    }

    /** The project folder for either the project itself or its {@code agents/sessions} folder. */
    private static Path agentProject(Path dir) {
        return isAgentSessionsFolder(dir) ? dir.toAbsolutePath().normalize().getParent().getParent() : dir;
    }

    private static boolean isAgentSessionsFolder(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        return abs.getFileName() != null && abs.getFileName().toString().equals("sessions")
                && abs.getParent() != null && abs.getParent().getFileName() != null
                && abs.getParent().getFileName().toString().equals("agents");
    }

    /** The regular files in {@code dir} matching {@code glob}, by name. */
    static List<Path> sorted(Path dir, String glob) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
            for (Path p : s) {
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    out.add(p);
                }
            }
        }
        out.sort(java.util.Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    private static boolean hasJsonl(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.jsonl")) {
            return s.iterator().hasNext();
        }
    }
}
