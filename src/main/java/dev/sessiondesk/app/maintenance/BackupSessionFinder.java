package dev.sessiondesk.app.maintenance;

import dev.sessiondesk.app.backup.BackupCatalog;
import dev.sessiondesk.app.backup.BackupRecord;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.store.StoreException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For a window whose remembered conversation no longer matches the store: the newest verified backup
 * whose copy of that session still starts with exactly what the window showed (its fingerprint), and
 * still recomputes today — the backup the conversation can be brought back from.
 */
public final class BackupSessionFinder {
    private static final Logger LOG = LoggerFactory.getLogger(BackupSessionFinder.class);

    private final BackupCatalog catalog;

    public BackupSessionFinder(BackupCatalog catalog) {
        this.catalog = catalog;
    }

    public Optional<BackupRecord> latestExtending(String sessionId, Fingerprint shown) {
        for (BackupRecord b : catalog.list()) {
            Fingerprint there = b.sessions().get(sessionId);
            if (!b.verified() || there == null || there.messageCount() < shown.messageCount()) {
                continue;
            }
            try (Store copy = Store.openReadOnly(b.file())) {
                if (copy.verifier().checkExtends(sessionId, shown).ok()
                        && copy.verifier().verifySession(sessionId).ok()) {
                    return Optional.of(b);
                }
            } catch (StoreException e) {
                LOG.warn("cannot read the backup {} while looking for session {}: {}", b.file(), sessionId, e.getMessage());
            }
        }
        return Optional.empty();
    }
}
