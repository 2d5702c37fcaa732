package dev.sessiondesk.ui.chat;

import dev.sessiondesk.app.chat.BranchPoints;
import dev.sessiondesk.app.chat.Branches;
import dev.sessiondesk.app.chat.ConversationView;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.ui.i18n.Texts;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message actions of one window ({@link MessageActions}), done by {@link Branches} off the FX
 * thread. Edit and regenerate move the window to the new branch; the branch switcher moves it between
 * the alternatives at a fork point, all in the same window. The alternatives of the shown session are
 * read whenever the window's session changes and kept here, so {@link #branchAt} answers at once.
 * Every result is bound to the session id the action started in: a late one never lands in a window
 * that has moved on (P5).
 */
public final class ConversationActions implements MessageActions {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationActions.class);
    private static final Texts TEXT = Texts.of("actions");

    /** A hide that Undo can take back. */
    public record UndoableHide(String sessionId, int seq) {
    }

    private final ConversationWindow window;
    private final Branches branches;
    private final TaskRunner runner;
    private final Map<Integer, BranchPoints.Alternatives> alternatives = new HashMap<>();
    private final ObservableMap<Integer, BranchPosition> positions = FXCollections.observableHashMap();
    private final SimpleObjectProperty<UndoableHide> undoableHide = new SimpleObjectProperty<>();
    private String branchesOf;
    private java.util.function.Consumer<String> openInNewWindow = id -> { };

    public ConversationActions(ConversationWindow window, Branches branches, TaskRunner runner) {
        this.window = window;
        this.branches = branches;
        this.runner = runner;
        window.sessionIdProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(branchesOf)) {
                reloadBranches();
            }
        });
        if (window.sessionId() != null) {
            reloadBranches();
        }
    }

    @Override
    public void editAndResend(int seq, String newText) {
        String sid = window.sessionId();
        if (sid == null || newText == null || newText.isBlank()) {
            return;
        }
        window.status(StatusKind.SAVING, TEXT.get("branching"));
        BackgroundTask.supply("edit message " + seq + " of session " + sid + " into a branch",
                        () -> branches.editAndResend(sid, seq, newText))
                .onSuccess(view -> moveTo(sid, view, "edited"))
                .onError(e -> failed("editFailed", e))
                .executeWith(runner);
    }

    @Override
    public void regenerate(int seq) {
        String sid = window.sessionId();
        if (sid == null) {
            return;
        }
        window.status(StatusKind.SAVING, TEXT.get("branching"));
        BackgroundTask.supply("regenerate message " + seq + " of session " + sid + " in a branch",
                        () -> branches.regenerate(sid, seq))
                .onSuccess(view -> moveTo(sid, view, "regenerated"))
                .onError(e -> failed("regenerateFailed", e))
                .executeWith(runner);
    }

    @Override
    public void hide(int seq) {
        String sid = window.sessionId();
        if (sid == null) {
            return;
        }
        BackgroundTask.run("hide message " + seq + " of session " + sid, () -> branches.hide(sid, seq))
                .onSuccess(v -> {
                    if (sid.equals(window.sessionId())) {
                        replace(seq, Branches::asHidden);
                        undoableHide.set(new UndoableHide(sid, seq));
                        window.status(StatusKind.INFO, TEXT.get("hidden"));
                    }
                })
                .onError(e -> failed("hideFailed", e))
                .executeWith(runner);
    }

    @Override
    public void unhide(int seq) {
        String sid = window.sessionId();
        if (sid == null) {
            return;
        }
        BackgroundTask.supply("show message " + seq + " of session " + sid + " again", () -> {
                    branches.unhide(sid, seq);
                    return branches.shown(sid, seq);
                })
                .onSuccess(shown -> {
                    UndoableHide pending = undoableHide.get();
                    if (pending != null && pending.sessionId().equals(sid) && pending.seq() == seq) {
                        undoableHide.set(null);
                    }
                    if (sid.equals(window.sessionId()) && shown.isPresent()) {
                        replace(seq, m -> shown.get());
                        window.status(StatusKind.SAVED, TEXT.get("shownAgain"));
                    }
                })
                .onError(e -> failed("hideFailed", e))
                .executeWith(runner);
    }

    /** Undo of the last hide in this window (the status bar's Undo). */
    public void undoHide() {
        UndoableHide pending = undoableHide.get();
        if (pending != null && pending.sessionId().equals(window.sessionId())) {
            unhide(pending.seq());
        }
    }

    @Override
    public void duplicateFrom(int seq) {
        window.duplicateFrom(seq, openInNewWindow);
    }

    /** Where "Duplicate from here" opens its copy (the window: a new window). */
    public void duplicatesOpenWith(java.util.function.Consumer<String> opener) {
        this.openInNewWindow = opener;
    }

    @Override
    public Optional<BranchPosition> branchAt(int seq) {
        return Optional.ofNullable(positions.get(seq));
    }

    @Override
    public void switchBranch(int seq, int direction) {
        String sid = window.sessionId();
        BranchPoints.Alternatives here = alternatives.get(seq);
        if (sid == null || here == null) {
            return;
        }
        Optional<String> target = here.step(direction);
        if (target.isEmpty() || window.focusWindowShowing(target.get())) {
            return; // at either end, or another window shows that alternative (each window keeps its own)
        }
        String id = target.get();
        BackgroundTask.supply("open the alternative " + id + " of session " + sid, () -> branches.view(id))
                .onSuccess(view -> moveTo(sid, view, null))
                .onError(e -> failed("switchFailed", e))
                .executeWith(runner);
    }

    /** Re-reads the alternatives of the shown session (another window may have branched it). */
    public void reloadBranches() {
        String sid = window.sessionId();
        if (sid == null) {
            return;
        }
        BackgroundTask.supply("read the branches of session " + sid, () -> branches.points(sid).all(sid))
                .onSuccess(points -> {
                    if (sid.equals(window.sessionId())) {
                        setBranches(sid, points);
                    }
                })
                .onError(e -> LOG.warn("cannot read the branches of session {}: {}", sid, e.getMessage()))
                .executeWith(runner);
    }

    /** Fork points of the shown session, keyed by the seq of the first differing message ("‹ k / n ›"). */
    public ObservableMap<Integer, BranchPosition> branchPositions() {
        return positions;
    }

    @Override
    public void watchBranches(java.util.function.IntConsumer changed) {
        positions.addListener((MapChangeListener<Integer, BranchPosition>) c -> changed.accept(c.getKey()));
    }

    public ReadOnlyObjectProperty<UndoableHide> undoableHideProperty() {
        return undoableHide;
    }

    private void moveTo(String startedIn, ConversationView view, String doneKey) {
        window.sessionsChanged();
        if (!startedIn.equals(window.sessionId())) {
            return; // the window moved on meanwhile; the branch is in the session list
        }
        setBranches(view.session().id(), view.branches());
        undoableHide.set(null);
        window.show(view.session(), view.messages());
        if (doneKey != null) {
            window.status(StatusKind.SAVED, TEXT.get(doneKey));
        }
    }

    private void setBranches(String sid, Map<Integer, BranchPoints.Alternatives> points) {
        branchesOf = sid;
        alternatives.clear();
        alternatives.putAll(points);
        Map<Integer, BranchPosition> now = new HashMap<>();
        points.forEach((seq, a) -> now.put(seq, new BranchPosition(a.index() + 1, a.sessionIds().size())));
        positions.keySet().retainAll(now.keySet());
        positions.putAll(now);
    }

    private void replace(int seq, java.util.function.UnaryOperator<Message> change) {
        var shown = window.messages();
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).seq() == seq) {
                shown.set(i, change.apply(shown.get(i)));
                return;
            }
        }
    }

    private void failed(String key, Throwable e) {
        LOG.warn("{}: {}", key, e.getMessage());
        window.status(StatusKind.ERROR, TEXT.get(key, e.getMessage()));
    }
}
