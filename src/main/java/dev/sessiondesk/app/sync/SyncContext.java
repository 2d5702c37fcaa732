package dev.sessiondesk.app.sync;

import java.util.Set;

/** What Sync Now knows about the app when it starts: the sessions shown in windows right now. */
public record SyncContext(Set<String> openSessionIds) {
    public SyncContext {
        openSessionIds = Set.copyOf(openSessionIds);
    }
}
