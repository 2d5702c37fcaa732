package dev.sessiondesk.bench;

import dev.sessiondesk.model.Ids;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.store.Store;
import java.util.List;

/**
 * Prepares a data folder so the next start of the app restores exactly the given sessions, one
 * window each: every open window binding is closed, then one binding per session is written with
 * the session's current fingerprint (so the restore check passes) and cascading positions.
 */
final class WindowRestoreSetup {
    private WindowRestoreSetup() {
    }

    static void openWindowsOn(Store store, List<String> sessionIds) {
        for (WindowBinding open : store.windows().openWindows()) {
            store.windows().close(open.windowId());
        }
        for (int i = 0; i < sessionIds.size(); i++) {
            Session s = store.sessions().require(sessionIds.get(i));
            store.windows().save(new WindowBinding(Ids.newSessionId(), s.id(), 40 + 24 * i, 40 + 24 * i, 960, 680,
                    false, i + 1, i == sessionIds.size() - 1, s.fingerprint(), true, System.currentTimeMillis()));
        }
        if (store.windows().openWindows().size() != sessionIds.size()) {
            throw new IllegalStateException("expected " + sessionIds.size() + " open windows, the store has "
                    + store.windows().openWindows().size());
        }
    }
}
