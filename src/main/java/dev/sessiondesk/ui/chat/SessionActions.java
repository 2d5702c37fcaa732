package dev.sessiondesk.ui.chat;

import dev.sessiondesk.app.SessionExporter;
import dev.sessiondesk.app.chat.SessionEditing;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.app.text.Explained;
import dev.sessiondesk.ui.i18n.Texts;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What a chat window does to a session by id — its own (Session menu) or any other (the sidebar's
 * context menu, a message's "Duplicate from this message"): rename, pin, archive, export, fork.
 */
public final class SessionActions {
    private static final Texts T = Texts.of("actions");
    private final ChatViewModel conversation;
    private final SessionEditing editing;
    private final SessionExporter exporter;
    private final StatusLine status;
    private final TaskRunner runner;

    SessionActions(ChatViewModel conversation, SessionEditing editing, SessionExporter exporter, StatusLine status,
                   TaskRunner runner) {
        this.conversation = conversation;
        this.editing = editing;
        this.exporter = exporter;
        this.status = status;
        this.runner = runner;
    }

    /** A user title, final from then on; it shows here when the session is this window's. */
    public void rename(String id, String newTitle) {
        if (id == null || newTitle == null || newTitle.isBlank()) {
            return;
        }
        BackgroundTask.supply("rename session " + id, () -> editing.rename(id, newTitle.strip()))
                .onSuccess(s -> {
                    conversation.titleChanged(s);
                    status.savedNow();
                    conversation.sessionsChanged();
                })
                .onError(status::error)
                .executeWith(runner);
    }

    /** Pins a session to the top of the list, or unpins it. */
    public void setPinned(String id, boolean pinned) {
        BackgroundTask.run((pinned ? "pin" : "unpin") + " session " + id, () -> editing.setPinned(id, pinned))
                .onSuccess(v -> {
                    status.report(StatusKind.SAVED, T.get(pinned ? "session.pinned" : "session.unpinned"));
                    conversation.sessionsChanged();
                })
                .onError(status::error)
                .executeWith(runner);
    }

    /** Archives a session (out of the way, never deleted), or brings it back. */
    public void setArchived(String id, boolean archived) {
        BackgroundTask.run((archived ? "archive" : "unarchive") + " session " + id, () -> editing.setArchived(id, archived))
                .onSuccess(v -> {
                    status.report(StatusKind.SAVED, T.get(archived ? "session.archived" : "session.unarchived"));
                    conversation.sessionsChanged();
                })
                .onError(status::error)
                .executeWith(runner);
    }

    /** Writes this window's session to {@code file} (Goose JSON or Markdown). */
    public void export(SessionExporter.Format format, Path file) {
        String sid = conversation.sessionId();
        if (sid == null || conversation.bannerProperty().get() != null) {
            return;
        }
        status.report(StatusKind.SAVING, T.get("session.exporting"));
        BackgroundTask.run("export session " + sid + " to " + file, () -> exporter.exportTo(sid, format, file))
                .onSuccess(v -> status.report(StatusKind.SAVED, T.get("session.exported", file.toString())))
                .onError(e -> status.report(StatusKind.ERROR,
                        T.get("session.notExported", file.toString(), Texts.say(Explained.of(BackgroundTask.unwrap(e))))))
                .executeWith(runner);
    }

    /**
     * "Duplicate from this message": a new session holding this window's messages up to {@code seq};
     * {@code opened} gets its id (the window opens it in a new window).
     */
    public void forkFrom(int seq, Consumer<String> opened) {
        String sid = conversation.sessionId();
        if (sid == null || conversation.bannerProperty().get() != null) {
            return;
        }
        BackgroundTask.supply("duplicate session " + sid + " up to message " + seq, () -> editing.fork(sid, seq))
                .onSuccess(copy -> {
                    status.report(StatusKind.SAVED, T.get("session.duplicated", copy.displayTitle()));
                    conversation.sessionsChanged();
                    opened.accept(copy.id());
                })
                .onError(status::error)
                .executeWith(runner);
    }
}
