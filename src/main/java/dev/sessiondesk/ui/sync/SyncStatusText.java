package dev.sessiondesk.ui.sync;

import dev.sessiondesk.app.sync.SyncReport;
import dev.sessiondesk.ui.i18n.Texts;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The status bar's words for the last exchange with the sync server. */
public final class SyncStatusText {
    private static final Texts TEXTS = Texts.of("sync");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private SyncStatusText() {
    }

    /** True when the line reports a problem (shown as an error). */
    public static boolean isProblem(SyncReport r) {
        return r.failure() != null || !r.refused().isEmpty();
    }

    public static String of(SyncReport r, ZoneId zone) {
        if (r.failure() != null) {
            return r.offline() ? TEXTS.get("status.offline", r.waiting()) : TEXTS.get("status.failed", Texts.say(r.failureText()));
        }
        String time = TIME.format(r.finishedAt().atZone(zone));
        if (!r.refused().isEmpty()) {
            return TEXTS.get("status.refused", time, r.refused().size(), r.refused().get(0));
        }
        if (r.readOnlyReason() != null) {
            return TEXTS.get("status.readOnly", time, r.waiting());
        }
        if (!r.branches().isEmpty()) {
            return TEXTS.get("status.branches", time, r.branches().size());
        }
        return TEXTS.get("status.synced", time);
    }
}
