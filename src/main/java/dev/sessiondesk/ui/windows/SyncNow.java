package dev.sessiondesk.ui.windows;

import dev.sessiondesk.app.sync.SyncContext;
import dev.sessiondesk.app.sync.SyncService;
import dev.sessiondesk.app.sync.SyncSummary;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.ui.chat.ChatWindow;
import dev.sessiondesk.ui.chat.StatusKind;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import javafx.util.Duration;

/** Sync Now from a window: runs every sync step in the background and reports in that window. */
final class SyncNow {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final SyncService sync;
    private final TaskRunner runner;

    SyncNow(SyncService sync, TaskRunner runner) {
        this.sync = sync;
        this.runner = runner;
    }

    /** @param openSessions the sessions the windows show (their chains are verified) */
    void run(ChatWindow w, Set<String> openSessions) {
        w.viewModel().status().report(StatusKind.SAVING, "Syncing…");
        SyncContext context = new SyncContext(openSessions);
        BackgroundTask.supply("sync now", () -> sync.syncNow(context))
                .onSuccess(summary -> report(w, summary))
                .onError(e -> w.viewModel().status().report(StatusKind.ERROR, "Sync failed: " + e.getMessage()))
                .executeWith(runner);
    }

    private static void report(ChatWindow w, SyncSummary summary) {
        String time = LocalTime.now().format(TIME);
        w.viewModel().status().report(summary.ok() ? StatusKind.SAVED : StatusKind.ERROR, summary.ok()
                ? "Synced " + time + " in " + summary.took().toMillis() + " ms"
                : "Sync found " + summary.problems().size() + " problem(s): " + summary.problems().get(0));
        String title = summary.ok() ? "Sync Now: everything is saved" : "Sync Now found problems";
        w.notice(title + "\n" + summary.describe(), !summary.ok(), Duration.seconds(summary.ok() ? 8 : 20));
    }
}
