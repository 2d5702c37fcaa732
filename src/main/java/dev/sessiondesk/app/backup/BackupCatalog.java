package dev.sessiondesk.app.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.store.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backup folder {@code <data>/backups/} (0700): {@code sessions-<UTC time>.db} files (0600), each
 * counted only when its sidecar {@code sessions-<UTC time>.db.json} says it was verified. A database
 * file without a sidecar (a copy still being verified, or one a crash interrupted) is not a backup.
 */
public final class BackupCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(BackupCatalog.class);
    public static final String FOLDER = "backups";
    static final String SIDECAR = ".json";

    private final Path dir;

    public BackupCatalog(Path dataDir) {
        this.dir = dataDir.toAbsolutePath().resolve(FOLDER);
    }

    public Path dir() {
        return dir;
    }

    /** Every verified backup, newest first. Unreadable sidecars are logged and skipped. */
    public List<BackupRecord> list() {
        List<BackupRecord> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "sessions-*.db" + SIDECAR)) {
            for (Path sidecar : files) {
                read(sidecar).ifPresent(out::add);
            }
        } catch (IOException e) {
            LOG.warn("cannot list the backups in {}: {}", dir, e.toString());
        }
        out.sort(Comparator.comparing(BackupRecord::createdAt).reversed());
        return out;
    }

    public Optional<BackupRecord> latest() {
        return list().stream().findFirst();
    }

    /** The newest verified backup that has this session (intact: its chain was recomputed when it was taken). */
    public Optional<BackupRecord> latestContaining(String sessionId) {
        return list().stream().filter(b -> b.sessions().containsKey(sessionId)).findFirst();
    }

    /** The record of a backup file, when it is a verified backup. */
    public Optional<BackupRecord> find(Path backupFile) {
        Path sidecar = backupFile.resolveSibling(backupFile.getFileName() + SIDECAR);
        return Files.isRegularFile(backupFile) ? read(sidecar) : Optional.empty();
    }

    /**
     * Resolves what a user typed: a path to a file, or the name of a file in the backup folder.
     * Empty when neither exists, so callers can fall back to reading it as something else.
     */
    public Optional<Path> resolve(String pathOrName) {
        if (pathOrName == null || pathOrName.isBlank()) {
            return Optional.empty();
        }
        try {
            Path asPath = Path.of(pathOrName);
            if (Files.isRegularFile(asPath)) {
                return Optional.of(asPath.toAbsolutePath());
            }
            if (asPath.getNameCount() == 1 && Files.isRegularFile(dir.resolve(asPath))) {
                return Optional.of(dir.resolve(asPath));
            }
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    void write(BackupRecord r) throws IOException {
        ObjectNode root = CanonicalJson.MAPPER.createObjectNode();
        root.put("format", 1);
        root.put("file", r.fileName());
        root.put("created_at", r.createdAt().toString());
        root.put("size", r.sizeBytes());
        root.put("schema_version", r.schemaVersion());
        root.put("app_version", r.appVersion());
        root.put("reason", r.reason());
        root.put("verified", r.verified());
        root.put("verified_at", r.verifiedAt() == null ? null : r.verifiedAt().toString());
        root.put("session_count", r.sessionCount());
        root.put("message_count", r.messageCount());
        ObjectNode sessions = root.putObject("sessions");
        r.sessions().forEach((id, fp) -> {
            ObjectNode s = sessions.putObject(id);
            s.put("message_count", fp.messageCount());
            s.put("head_hash", fp.headHash());
        });
        byte[] bytes = CanonicalJson.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        PrivateFiles.writeAtomically(sidecarOf(r.file()), bytes);
    }

    static Path sidecarOf(Path backupFile) {
        return backupFile.resolveSibling(backupFile.getFileName() + SIDECAR);
    }

    void delete(BackupRecord r) throws IOException {
        // Sidecar first: a crash in between leaves an uncounted file, never a counted record without its file.
        Files.deleteIfExists(sidecarOf(r.file()));
        Files.deleteIfExists(r.file());
    }

    private Optional<BackupRecord> read(Path sidecar) {
        String name = sidecar.getFileName().toString();
        Path db = sidecar.resolveSibling(name.substring(0, name.length() - SIDECAR.length()));
        if (!Files.isRegularFile(db)) {
            return Optional.empty();
        }
        try {
            JsonNode root = CanonicalJson.MAPPER.readTree(Files.readAllBytes(sidecar));
            if (!root.path("verified").asBoolean(false)) {
                return Optional.empty();
            }
            Map<String, Fingerprint> sessions = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : root.path("sessions").properties()) {
                sessions.put(e.getKey(), new Fingerprint(e.getValue().path("message_count").asInt(),
                        e.getValue().path("head_hash").asText()));
            }
            return Optional.of(new BackupRecord(db, Instant.parse(root.path("created_at").asText()),
                    root.path("size").asLong(), root.path("schema_version").asInt(), root.path("app_version").asText(),
                    root.path("reason").asText(), sessions, Instant.parse(root.path("verified_at").asText())));
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring the backup record {}: {}", sidecar, e.toString());
            return Optional.empty();
        }
    }
}
