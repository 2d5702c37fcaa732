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
                jobs.add(new ImportJob(ImportFormat.CHATGPT, path.resolve("conversations.json")));
            }
            if (jobs.isEmpty()) {
                throw new IllegalArgumentException("found nothing to import in " + path + " (looked for agents/sessions,"
                        + " sessions.db, *.jsonl and conversations.json); name the file, or pass --format");
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
        if (i < n && head[i] == '[') {
            return ImportFormat.CHATGPT;
        }
        if (i < n && head[i] == '{') {
            return ImportFormat.GOOSE_EXPORT;
        }
        throw new IllegalArgumentException("cannot tell what " + file + " is (not an SQLite database, not JSON);"
                + " pass --format");
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

    private static boolean hasJsonl(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.jsonl")) {
            return s.iterator().hasNext();
        }
    }
}
