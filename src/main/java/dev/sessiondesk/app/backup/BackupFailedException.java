package dev.sessiondesk.app.backup;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A backup that could not be made or did not pass verification. When a copy was made but failed
 * verification, {@link #keptAt()} names where it was set aside ({@code .failed}); it is never
 * counted as a backup and never rotated in.
 */
public final class BackupFailedException extends IOException {
    private final transient Path keptAt;

    public BackupFailedException(String message, Path keptAt) {
        super(message);
        this.keptAt = keptAt;
    }

    public BackupFailedException(String message, Throwable cause) {
        super(message, cause);
        this.keptAt = null;
    }

    /** The copy set aside after a failed verification, or null when no copy exists. */
    public Path keptAt() {
        return keptAt;
    }
}
