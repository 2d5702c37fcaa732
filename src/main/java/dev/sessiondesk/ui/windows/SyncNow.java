package dev.sessiondesk.ui.windows;

import dev.sessiondesk.app.sync.ServerSync;
import dev.sessiondesk.app.sync.SyncContext;
import dev.sessiondesk.app.sync.SyncService;
import dev.sessiondesk.app.sync.SyncSummary;
import dev.sessiondesk.app.text.Wording;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.ui.chat.ChatWindow;
import dev.sessiondesk.ui.chat.StatusKind;
import dev.sessiondesk.ui.i18n.Texts;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import dev.sessiondesk.ui.sync.SyncStatusText;
import javafx.util.Duration;

/** Sync Now from a window: runs every sync step in the background and reports in that window. */
final class SyncNow {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final Texts T = Texts.of("sync");

    private final SyncService sync;
    private final TaskRunner runner;
    private final ServerSync server;

    SyncNow(SyncService sync, TaskRunner runner, ServerSync server) {
        this.sync = sync;
        this.runner = runner;
        this.server = server;
    }

    /** @param openSessions the sessions the windows show (their chains are verified) */
    void run(ChatWindow w, Set<String> openSessions) {
        w.viewModel().status().report(StatusKind.SAVING, T.get("now.running"));
        SyncContext context = new SyncContext(openSessions);
        BackgroundTask.supply("sync now", () -> sync.syncNow(context))
                .onSuccess(summary -> report(w, summary))
                .onError(e -> w.viewModel().status().report(StatusKind.ERROR,
                        T.get("now.failed", String.valueOf(e.getMessage()))))
                .executeWith(runner);
    }

    private void report(ChatWindow w, SyncSummary summary) {
        String time = LocalTime.now().format(TIME);
        // With a sync server set up, the status bar says what the server exchange did ("Synced 14:02", "Offline — …").
        Optional<String> serverLine = server.configured()
                ? server.lastReport().map(r -> SyncStatusText.of(r, ZoneId.systemDefault())) : Optional.empty();
        w.viewModel().status().report(summary.ok() ? StatusKind.SAVED : StatusKind.ERROR, serverLine.orElse(summary.ok()
                ? T.get("now.ok", time, summary.took().toMillis())
                : T.get("now.problems", summary.problemTexts().size(), Texts.say(summary.problemTexts().get(0)))));
        String title = T.get(summary.ok() ? "now.notice.ok" : "now.notice.problems");
        w.notice(title + "\n" + summary.describe(Wording.current()), !summary.ok(), Duration.seconds(summary.ok() ? 8 : 20));
    }
}
