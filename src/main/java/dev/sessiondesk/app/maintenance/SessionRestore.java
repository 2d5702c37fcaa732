package dev.sessiondesk.app.maintenance;

import dev.sessiondesk.app.backup.BackupFailedException;
import dev.sessiondesk.app.backup.BackupRecord;
import dev.sessiondesk.app.backup.BackupService;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.store.ChainReport;
import dev.sessiondesk.store.SessionTransplant;
import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Restore this session from a backup": brings back one damaged session and nothing else. The newest
 * verified backup with an intact copy of it (covering the first damaged message) is the source; a
 * safety backup of the whole store comes first; then the store's writer replaces only that session's
 * rows in one transaction, which commits only if the session then recomputes. Every other session is
 * untouched.
 */
public final class SessionRestore {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRestore.class);

    /** What was done: from which backup, where the store as it was is kept, and how many messages came back. */
    public record Result(String sessionId, BackupRecord from, Path safetyCopy, boolean safetyCopyVerified,
                         int messagesFromBackup, int messagesKept, ChainReport chain) {
    }

    private final Store store;
    private final BackupService backups;

    public SessionRestore(Store store, BackupService backups) {
        this.store = store;
        this.backups = backups;
    }

    /** The backup the session would come back from, if any (opens backups: call off the UI thread). */
    public Optional<BackupRecord> source(String sessionId, int firstDamagedSeq) {
        return new BackupSessionFinder(backups.catalog()).latestIntact(sessionId, Math.max(0, firstDamagedSeq));
    }

    /**
     * @param firstDamagedSeq the first message that does not recompute (the backup must hold it)
     * @throws BackupFailedException when no backup has the session intact or no safety copy could be made
     */
    public Result restore(String sessionId, int firstDamagedSeq, Progress progress) throws BackupFailedException {
        progress.update(0, UserText.of("progress", "session.looking"));
        BackupRecord from = source(sessionId, firstDamagedSeq).orElseThrow(() -> new BackupFailedException(
                "no verified backup has an intact copy of session " + sessionId + "; nothing was changed", (Path) null));
        progress.update(0.2, UserText.of("progress", "session.safety"));
        BackupService.SafetyCopy safety = backups.safetyCopy("before restoring session " + sessionId,
                progress.part(0.2, 0.7));
        progress.update(0.7, UserText.of("progress", "session.bringing", from.fileName()));
        SessionTransplant.Result done;
        try (Store copy = Store.openReadOnly(from.file())) {
            done = SessionTransplant.replace(store, copy, sessionId);
        }
        progress.update(0.9, UserText.of("progress", "session.checking"));
        ChainReport chain = store.verifier().verifySession(sessionId);
        if (!chain.ok()) { // the transplant checked inside its transaction; a second look after the commit
            throw new BackupFailedException("session " + sessionId + " still does not verify after the restore ("
                    + chain + "); the store as it was is at " + safety.file(), safety.file());
        }
        LOG.info("restored session {} from {} ({} messages; {} later messages kept; store as it was at {})", sessionId,
                from.file(), done.fromBackup(), done.keptFromStore(), safety.file());
        progress.update(1, UserText.of("progress", "session.restored"));
        return new Result(sessionId, from, safety.file(), safety.verified(), done.fromBackup(), done.keptFromStore(), chain);
    }
}
