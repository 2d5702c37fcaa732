package dev.sessiondesk.ui.sidebar;

import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.BackgroundTask.Work;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.ui.i18n.Texts;

/**
 * The sidebar's own operations on sessions that may not be shown anywhere: delete to the trash,
 * restore, unarchive, delete forever (after asking) and empty the trash. Each runs in the
 * background, says what it did in the window's status bar and re-reads the lists.
 */
final class SidebarActions {
    private static final Texts T = Texts.of("sidebar");
    private final SessionListModel model;
    private final SidebarHost host;

    SidebarActions(SessionListModel model, SidebarHost host) {
        this.model = model;
        this.host = host;
    }

    void trash(Session s) {
        if (s.id().equals(host.shownSessionId())) {
            host.trashShown();
            return;
        }
        run("move session " + s.id() + " to the trash", () -> model.service().trash(s.id()),
                T.get("status.trashed", s.displayTitle()));
    }

    void restore(Session s) {
        run("restore session " + s.id() + " from the trash", () -> model.service().restore(s.id()),
                T.get("status.restored", s.displayTitle()));
    }

    void unarchive(Session s) {
        run("unarchive session " + s.id(), () -> model.service().setArchived(s.id(), false),
                T.get("status.unarchived", s.displayTitle()));
    }

    void deleteForever(Session s) {
        if (!host.confirm(T.get("confirm.forever.title"), T.get("confirm.forever.header", s.displayTitle()),
                T.get("confirm.forever.text"), T.get("confirm.delete"))) {
            return;
        }
        run("delete session " + s.id() + " forever", () -> model.service().deleteForever(s.id()),
                T.get("status.deleted", s.displayTitle()));
    }

    void emptyTrash() {
        int n = model.trash().size();
        if (n == 0) {
            host.status(T.get("status.emptied", 0));
            return;
        }
        if (!host.confirm(T.get("confirm.empty.title"), T.get("confirm.empty.header", n), T.get("confirm.empty.text"),
                T.get("confirm.delete"))) {
            return;
        }
        BackgroundTask.supply("empty the trash", () -> model.service().emptyTrash())
                .onSuccess(count -> host.status(T.get("status.emptied", count)))
                .onError(e -> host.status(T.get("status.failed", BackgroundTask.unwrap(e).getMessage())))
                .onFinally(model::refresh)
                .executeWith(model.runner());
    }

    private void run(String what, Work work, String done) {
        BackgroundTask.run(what, work)
                .onSuccess(v -> host.status(done))
                .onError(e -> host.status(T.get("status.failed", BackgroundTask.unwrap(e).getMessage())))
                .onFinally(model::refresh)
                .executeWith(model.runner());
    }
}
