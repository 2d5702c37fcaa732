package dev.sessiondesk.ui.sidebar;

import dev.sessiondesk.app.SessionService;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.OneAtATime;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.SessionQuery;
import java.util.List;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session lists every window's sidebar shows: one copy for the app, refreshed from the store
 * in the background — the live sessions always, the archive and the trash only while some sidebar
 * shows them — plus which window shows which session (for the "open in another window" marker).
 */
public final class SessionListModel {
    private static final Logger LOG = LoggerFactory.getLogger(SessionListModel.class);
    private static final int LIMIT = 5_000;

    private final SessionService sessions;
    private final TaskRunner runner;
    private final ObservableList<Session> all = FXCollections.observableArrayList();
    private final ObservableList<Session> archived = FXCollections.observableArrayList();
    private final ObservableList<Session> trash = FXCollections.observableArrayList();
    private final ObservableMap<String, String> windowBySession = FXCollections.observableHashMap();
    private final OneAtATime refreshes = new OneAtATime(this::readLists);
    /** At most one re-read per this long for {@link #refreshSoon}. */
    static final long CONTENT_REFRESH_MILLIS = 1_000;
    private long lastRefreshNanos = System.nanoTime() - CONTENT_REFRESH_MILLIS * 1_000_000;
    private PauseTransition contentRefresh;
    private boolean stopped;
    private int archiveViewers;
    private int trashViewers;

    public SessionListModel(SessionService sessions, TaskRunner runner) {
        this.sessions = sessions;
        this.runner = runner;
    }

    /** The live sessions: neither archived nor in the trash. */
    public ObservableList<Session> sessions() {
        return all;
    }

    public ObservableList<Session> archived() {
        return archived;
    }

    public ObservableList<Session> trash() {
        return trash;
    }

    public ObservableList<Session> list(SidebarMode mode) {
        return switch (mode) {
            case SESSIONS -> all;
            case ARCHIVE -> archived;
            case TRASH -> trash;
        };
    }

    /** A sidebar starts (+1) or stops (−1) showing {@code mode}; the archive and trash are read only while shown. */
    void viewing(SidebarMode mode, int delta) {
        if (mode == SidebarMode.ARCHIVE) {
            archiveViewers = Math.max(0, archiveViewers + delta);
        } else if (mode == SidebarMode.TRASH) {
            trashViewers = Math.max(0, trashViewers + delta);
        }
        if (delta > 0) {
            refresh();
        }
    }

    public SessionService service() {
        return sessions;
    }

    public TaskRunner runner() {
        return runner;
    }

    /** Session id → id of the window showing it; kept by the window coordinator. */
    public ObservableMap<String, String> windowBySession() {
        return windowBySession;
    }

    private record Lists(List<Session> live, List<Session> archived, List<Session> trash) {
    }

    /** Re-reads the lists; calls made while a read is running are folded into one more read. */
    public void refresh() {
        if (stopped) {
            return;
        }
        lastRefreshNanos = System.nanoTime();
        refreshes.request();
    }

    /**
     * A session got new content (a reply streaming into it, another client's message): re-read the lists
     * now if the last read is {@link #CONTENT_REFRESH_MILLIS} old, else once when it is, for all such
     * announcements meanwhile. While replies stream, each announcement would otherwise make every window's
     * sidebar re-read and lay out its rows many times a second for a "just now" that does not change.
     * FX thread (the pause is a JavaFX timer, made on first use).
     */
    public void refreshSoon() {
        if (stopped) {
            return;
        }
        long sinceMillis = (System.nanoTime() - lastRefreshNanos) / 1_000_000;
        if (sinceMillis >= CONTENT_REFRESH_MILLIS) {
            refresh();
            return;
        }
        if (contentRefresh == null) {
            contentRefresh = new PauseTransition();
            contentRefresh.setOnFinished(e -> refresh());
        }
        if (contentRefresh.getStatus() != Animation.Status.RUNNING) {
            contentRefresh.setDuration(Duration.millis(CONTENT_REFRESH_MILLIS - sinceMillis));
            contentRefresh.playFromStart();
        }
    }

    /**
     * Its windows are gone (quit, or the store is being replaced): no more reads, and a refresh still
     * waiting for its pause does not fire (it would hand a read to workers that have shut down). FX thread.
     */
    public void stop() {
        stopped = true;
        if (contentRefresh != null) {
            contentRefresh.stop();
        }
    }

    private void readLists(Runnable finished) {
        boolean wantArchive = archiveViewers > 0;
        boolean wantTrash = trashViewers > 0;
        BackgroundTask.supply("list sessions", () -> new Lists(
                        sessions.list(SessionQuery.firstPage(LIMIT)),
                        wantArchive ? sessions.list(new SessionQuery(true, false, null, LIMIT, 0)).stream()
                                .filter(Session::archived).toList() : null,
                        wantTrash ? sessions.list(new SessionQuery(true, true, null, LIMIT, 0)) : null))
                .onSuccess(lists -> {
                    update(all, lists.live());
                    if (lists.archived() != null) {
                        update(archived, lists.archived());
                    }
                    if (lists.trash() != null) {
                        update(trash, lists.trash());
                    }
                })
                .onError(e -> LOG.warn("cannot list sessions: {}", e.getMessage()))
                .onFinally(finished)
                .executeWith(runner);
    }

    private static void update(ObservableList<Session> shown, List<Session> read) {
        if (!read.equals(shown)) {
            shown.setAll(read);
        }
    }
}
