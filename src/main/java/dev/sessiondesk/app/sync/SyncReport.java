package dev.sessiondesk.app.sync;

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
        if (failure != null) {
            return failure;
        }
        String line = "pushed " + pushed + ", pulled " + pulled + ", " + branches.size() + " branch"
                + (branches.size() == 1 ? "" : "es") + " made, " + took.toMillis() + " ms";
        if (!refused.isEmpty()) {
            line += "; refused " + refused.size() + ": " + refused.get(0);
        }
        if (readOnlyReason != null) {
            line += "; " + readOnlyReason;
        }
        return line;
    }
}
