package dev.sessiondesk.ui.sidebar;

import dev.sessiondesk.app.SessionService;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.OneAtATime;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.SessionQuery;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session list every window's sidebar filters: one copy for the app, refreshed from the store
 * in the background, plus which window shows which session (for the "open in another window" marker).
 */
public final class SessionListModel {
    private static final Logger LOG = LoggerFactory.getLogger(SessionListModel.class);
    private static final int LIMIT = 5_000;

    private final SessionService sessions;
    private final TaskRunner runner;
    private final ObservableList<Session> all = FXCollections.observableArrayList();
    private final ObservableMap<String, String> windowBySession = FXCollections.observableHashMap();
    private final OneAtATime refreshes = new OneAtATime(this::readList);

    public SessionListModel(SessionService sessions, TaskRunner runner) {
        this.sessions = sessions;
        this.runner = runner;
    }

    public ObservableList<Session> sessions() {
        return all;
    }

    /** Session id → id of the window showing it; kept by the window coordinator. */
    public ObservableMap<String, String> windowBySession() {
        return windowBySession;
    }

    /** Re-reads the list; calls made while a read is running are folded into one more read. */
    public void refresh() {
        refreshes.request();
    }

    private void readList(Runnable finished) {
        BackgroundTask.supply("list sessions", () -> sessions.list(SessionQuery.firstPage(LIMIT)))
                .onSuccess(list -> {
                    if (!list.equals(all)) {
                        all.setAll(list);
                    }
                })
                .onError(e -> LOG.warn("cannot list sessions: {}", e.getMessage()))
                .onFinally(finished)
                .executeWith(runner);
    }
}
