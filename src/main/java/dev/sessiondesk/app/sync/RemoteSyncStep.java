package dev.sessiondesk.app.sync;

import dev.sessiondesk.app.text.UserText;
import java.util.List;
import java.util.Optional;

/**
 * Sync Now's server step: after the local steps (drafts, layout, checkpoint, verify) it pushes and
 * pulls through {@link RemoteSync}. Without a configured server it says so and does nothing. The last
 * report is kept for the status bar ("Synced 14:02", "Offline — 3 messages waiting", or the reason).
 */
public final class RemoteSyncStep implements SyncStep {
    public static final String NAME = "server";

    private final RemoteSync sync;
    private volatile SyncReport last;

    public RemoteSyncStep(RemoteSync sync) {
        this.sync = sync;
    }

    @Override
    public SyncStepResult run(SyncContext context) {
        if (!sync.configured()) {
            return SyncStepResult.done(NAME, 0, UserText.of("sync", "server.notSetUp"));
        }
        SyncReport r = sync.syncNow();
        remember(r);
        if (r.failure() != null) {
            UserText problem = r.offline() ? UserText.of("sync", "server.offline", r.waiting(), r.failure())
                    : UserText.plain(r.failure());
            return SyncStepResult.failed(NAME, problem);
        }
        List<UserText> problems = r.refused().stream().map(UserText::plain).toList();
        return new SyncStepResult(NAME, r.pushed() + r.pulled(), UserText.of("sync", "server.done", r.summaryText(),
                r.branches().isEmpty() ? "" : "\n" + String.join("\n", r.branches())), problems);
    }

    /** Live sync reports here too, so the status bar shows the latest exchange whoever ran it. */
    public void remember(SyncReport r) {
        last = r;
    }

    public Optional<SyncReport> lastReport() {
        return Optional.ofNullable(last);
    }

    public RemoteSync sync() {
        return sync;
    }

    @Override
    public String name() {
        return NAME;
    }
}
