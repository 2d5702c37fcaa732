package dev.sessiondesk.app.backup;

import dev.sessiondesk.model.Fingerprint;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A backup that passed verification, as recorded in its sidecar file ({@code <backup>.json}):
 * when it was taken and why, its size, and every session's message count and head hash in it (so
 * "which backup still has this session intact" needs no database open).
 */
public record BackupRecord(
        Path file,
        Instant createdAt,
        long sizeBytes,
        int schemaVersion,
        String appVersion,
        String reason,
        Map<String, Fingerprint> sessions,
        Instant verifiedAt) {

    public int sessionCount() {
        return sessions.size();
    }

    public long messageCount() {
        return sessions.values().stream().mapToLong(Fingerprint::messageCount).sum();
    }

    public boolean verified() {
        return verifiedAt != null;
    }

    public String fileName() {
        return file.getFileName().toString();
    }
}
