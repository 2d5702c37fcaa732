package dev.sessiondesk.app.importer.agent;

import java.nio.file.Path;

/**
 * The filesystem side of a session an agent wrote: the UI shows {@code spec.md} and {@code plan.json}
 * from {@code sessionDir} (they are never copied into the store). {@code missingSince} (Unix ms) is
 * set when the folder disappeared from disk; the session itself is kept.
 */
public record AgentSessionInfo(
        String sessionId,
        Path projectDir,
        String slug,
        Path sessionDir,
        String status,
        String sessionType,
        Long missingSince) {

    public Path spec() {
        return sessionDir.resolve("spec.md");
    }

    public Path plan() {
        return sessionDir.resolve("plan.json");
    }

    public boolean missingOnDisk() {
        return missingSince != null;
    }
}
