package dev.sessiondesk.app.maintenance;

import dev.sessiondesk.app.backup.BackupCatalog;
import dev.sessiondesk.app.backup.BackupRecord;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For a session that no longer matches what was saved: the newest verified backup whose copy of it
 * still recomputes today (and, for a window, still starts with exactly what the window showed) — the
 * backup the conversation can be brought back from.
 */
public final class BackupSessionFinder {
    private static final Logger LOG = LoggerFactory.getLogger(BackupSessionFinder.class);

    private final BackupCatalog catalog;

    public BackupSessionFinder(BackupCatalog catalog) {
        this.catalog = catalog;
    }

    public Optional<BackupRecord> latestExtending(String sessionId, Fingerprint shown) {
        return latest(sessionId, shown.messageCount(), copy -> copy.verifier().checkExtends(sessionId, shown).ok());
    }

    /** The newest verified backup with an intact copy of the session holding at least {@code minMessages}. */
    public Optional<BackupRecord> latestIntact(String sessionId, int minMessages) {
        return latest(sessionId, minMessages, copy -> true);
    }

    private Optional<BackupRecord> latest(String sessionId, int minMessages, Predicate<Store> fits) {
        for (BackupRecord b : catalog.list()) {
            Fingerprint there = b.sessions().get(sessionId);
            if (!b.verified() || there == null || there.messageCount() < minMessages) {
                continue;
            }
            try (Store copy = Store.openReadOnly(b.file())) {
                if (fits.test(copy) && copy.verifier().verifySession(sessionId).ok()) {
                    return Optional.of(b);
                }
            } catch (StoreException e) {
                LOG.warn("cannot read the backup {} while looking for session {}: {}", b.file(), sessionId, e.getMessage());
            }
        }
        return Optional.empty();
    }
}
