package dev.sessiondesk.app.sync;

import dev.sessiondesk.app.text.UserText;
import dev.sessiondesk.app.text.Wording;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one exchange with the sync server did. {@code failure} is null when the server was reached;
 * otherwise it says why not, and {@code offline} tells a server that could not be reached (retry
 * later) from one that refused (the user must change something).
 */
public record SyncReport(int pushed, int pulled, List<String> branches, List<String> refused, int waiting,
                         Duration took, Instant finishedAt, String failure, boolean offline, String readOnlyReason) {
    public SyncReport {
        branches = List.copyOf(branches);
        refused = List.copyOf(refused);
    }

    static SyncReport failed(String failure, boolean offline, int waiting, Duration took, Instant at) {
        return new SyncReport(0, 0, List.of(), List.of(), waiting, took, at, failure, offline, null);
    }

    public boolean ok() {
        return failure == null && refused.isEmpty();
    }

    /** The one line {@code sessiondesk sync} prints. */
    public String summaryLine() {
        return Wording.english().say(summaryText());
    }

    /** That line in no language yet (Sync Now's details say it in the user's). */
    public UserText summaryText() {
        if (failure != null) {
            return UserText.plain(failure);
        }
        return UserText.of("sync", "exchange", pushed, pulled, branches.size(), took.toMillis(),
                refused.isEmpty() ? UserText.plain("") : UserText.of("sync", "exchange.refused", refused.size(), refused.get(0)),
                readOnlyReason == null ? "" : "; " + readOnlyReason);
    }
}
