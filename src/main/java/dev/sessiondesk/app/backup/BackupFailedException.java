package dev.sessiondesk.app.backup;

import dev.sessiondesk.app.text.Explained;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.text.Wording;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A backup that could not be made or did not pass verification. When a copy was made but failed
 * verification, {@link #keptAt()} names where it was set aside ({@code .failed}); it is never
 * counted as a backup and never rotated in. {@link #getMessage()} is the English the CLI prints;
 * {@link #userText()} the same reason for a window in the user's language.
 */
public final class BackupFailedException extends IOException implements Explained {
    private final transient Path keptAt;
    private final transient UserText text;

    public BackupFailedException(String message, Path keptAt) {
        super(message);
        this.keptAt = keptAt;
        this.text = UserText.plain(message);
    }

    public BackupFailedException(String message, Throwable cause) {
        super(message, cause);
        this.keptAt = null;
        this.text = UserText.plain(message);
    }

    public BackupFailedException(UserText text, Path keptAt) {
        super(Wording.english().say(text));
        this.keptAt = keptAt;
        this.text = text;
    }

    public BackupFailedException(UserText text, Throwable cause) {
        super(Wording.english().say(text), cause);
        this.keptAt = null;
        this.text = text;
    }

    /** The copy set aside after a failed verification, or null when no copy exists. */
    public Path keptAt() {
        return keptAt;
    }

    @Override
    public UserText userText() {
        return text;
    }
}
