package dev.sessiondesk.ui.windows;

import dev.sessiondesk.app.ClientServices;
import dev.sessiondesk.app.instance.LaunchRequest;
import dev.sessiondesk.app.sync.SyncContext;
import dev.sessiondesk.app.sync.SyncSummary;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.model.Ids;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.ui.chat.ChatViewModel;
import dev.sessiondesk.ui.chat.ChatWindow;
import dev.sessiondesk.ui.chat.RetryScheduler;
import dev.sessiondesk.ui.chat.StatusKind;
import dev.sessiondesk.ui.chat.WindowActions;
import dev.sessiondesk.ui.chat.WindowContext;
import dev.sessiondesk.ui.sidebar.SessionListModel;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the open chat windows: creates, restores, focuses and closes them, keeps z-order and focus,
 * and writes each window's binding (session, geometry, fingerprint) through the debounced layout
 * service on every change. Runs on the FX thread; every store access goes through the services.
 */
public final class WindowCoordinator implements WindowContext, WindowActions {
    private static final Logger LOG = LoggerFactory.getLogger(WindowCoordinator.class);
    private static final double DEFAULT_WIDTH = 960;
    private static final double DEFAULT_HEIGHT = 680;

    private final ClientServices services;
    private final TaskRunner runner;
    private final SessionListModel sessionList;
    private final RetryScheduler retries;
    private final Runnable onQuit;
    private final Map<String, ChatWindow> windows = new LinkedHashMap<>();
    private final Map<String, Integer> zOrder = new LinkedHashMap<>();
    private final Map<String, WindowBinding> lastNormalBounds = new LinkedHashMap<>();
    private int zCounter;
    private String focusedWindowId;
    private boolean closing;
    private boolean restoring;

    public WindowCoordinator(ClientServices services, TaskRunner runner, RetryScheduler retries, Runnable onQuit) {
        this.services = services;
        this.runner = runner;
        this.retries = retries;
        this.onQuit = onQuit;
        this.sessionList = new SessionListModel(services.desk().sessions(), runner);
    }

    // ---- opening windows ---------------------------------------------------------------------------

    /** Shows the windows of the last run, back to front, and focuses the one that had focus. */
    public void restore(List<RestoredWindow> restored) {
        restoring = true; // focus changes while windows appear are not the user's: keep the stored order
        List<RestoredWindow> ordered = new ArrayList<>(restored);
        ordered.sort(Comparator.comparingInt(r -> r.binding().zOrder()));
        ChatWindow focus = null;
        for (RestoredWindow r : ordered) {
            WindowBinding b = r.binding();
            ChatWindow w = create(b.windowId(), new Rectangle2D(b.x(), b.y(), b.width(), b.height()), b.maximized());
            zCounter = Math.max(zCounter, b.zOrder());
            zOrder.put(b.windowId(), b.zOrder());
            lastNormalBounds.put(b.windowId(), b);
            if (r.check().showable()) {
                w.viewModel().show(r.check().session(), r.messages());
            } else {
                w.viewModel().showProblem(b.sessionId(), b.fingerprint(), r.check());
            }
            w.viewModel().restoreDraft(r.draft());
            w.stage().show();
            if (b.maximized()) {
                w.stage().setMaximized(true);
            }
            if (b.focused()) {
                focus = w;
            }
        }
        if (focus != null) {
            ChatWindow top = focus;
            // After every window is mapped, or a later one would end up above it.
            javafx.application.Platform.runLater(() -> {
                restoring = false;
                top.stage().toFront();
                top.stage().requestFocus();
                focused(top);
            });
        } else {
            restoring = false;
        }
        sessionList.refresh();
    }

    @Override
    public void newWindow() {
        ChatWindow w = create(Ids.newSessionId(), nextBounds(), false);
        w.stage().show();
        w.viewModel().newChat();
    }

    @Override
    public void openInNewWindow(String sessionId) {
        if (focusWindowShowing(sessionId, null)) {
            return;
        }
        ChatWindow w = create(Ids.newSessionId(), nextBounds(), false);
        w.stage().show();
        w.viewModel().open(sessionId);
    }

    /** Arguments a second launch handed over: {@code --open ID} or a new window. */
    public void handOver(List<String> args) {
        LaunchRequest request = LaunchRequest.parse(args);
        if (request.openSessionId() != null) {
            openInNewWindow(request.openSessionId());
        } else {
            newWindow();
        }
    }

    private ChatWindow create(String windowId, Rectangle2D wanted, boolean maximized) {
        Stage stage = new Stage();
        ChatViewModel vm = new ChatViewModel(windowId, services, runner, this, retries, Clock.systemDefaultZone());
        ChatWindow w = new ChatWindow(stage, vm, sessionList, this);
        Rectangle2D fit = ScreenFit.clamp(wanted, Screen.getScreens().stream().map(Screen::getVisualBounds).toList());
        stage.setX(fit.getMinX());
        stage.setY(fit.getMinY());
        stage.setWidth(fit.getWidth());
        stage.setHeight(fit.getHeight());
        windows.put(windowId, w);
        zOrder.putIfAbsent(windowId, ++zCounter);
        stage.xProperty().addListener((o, a, b) -> persist(w));
        stage.yProperty().addListener((o, a, b) -> persist(w));
        stage.widthProperty().addListener((o, a, b) -> persist(w));
        stage.heightProperty().addListener((o, a, b) -> persist(w));
        stage.maximizedProperty().addListener((o, a, b) -> persist(w));
        stage.focusedProperty().addListener((o, was, now) -> {
            if (now) {
                focused(w);
            }
        });
        stage.setOnCloseRequest(e -> {
            e.consume();
            closeWindow(w);
        });
        return w;
    }

    private Rectangle2D nextBounds() {
        ChatWindow anchor = focusedWindowId != null ? windows.get(focusedWindowId) : null;
        if (anchor == null && !windows.isEmpty()) {
            anchor = windows.values().iterator().next();
        }
        if (anchor == null) {
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            return new Rectangle2D(screen.getMinX() + 40, screen.getMinY() + 40, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        }
        Stage s = anchor.stage();
        return new Rectangle2D(s.getX() + 32, s.getY() + 32, s.getWidth(), s.getHeight());
    }

    private void focused(ChatWindow w) {
        if (restoring || !windows.containsKey(w.viewModel().windowId())) {
            return;
        }
        String id = w.viewModel().windowId();
        String previous = focusedWindowId;
        focusedWindowId = id;
        if (zOrder.getOrDefault(id, 0) != zCounter) {
            zOrder.put(id, ++zCounter);
        }
        w.viewModel().focused();
        persist(w);
        if (previous != null && !previous.equals(id) && windows.containsKey(previous)) {
            persist(windows.get(previous));
        }
        sessionList.refresh();
        w.viewModel().refresh();
    }

    // ---- closing -----------------------------------------------------------------------------------

    /** Closing the last window quits (and it comes back next time); any other window stays closed. */
    @Override
    public void closeWindow(ChatWindow w) {
        if (closing) {
            return;
        }
        if (windows.size() <= 1) {
            quit();
            return;
        }
        String id = w.viewModel().windowId();
        windows.remove(id);
        zOrder.remove(id);
        lastNormalBounds.remove(id);
        sessionList.windowBySession().values().removeIf(id::equals);
        if (id.equals(focusedWindowId)) {
            focusedWindowId = null;
        }
        w.stage().hide();
        services.drafts().discard(id);
        if (!services.desk().store().isReadOnly()) {
            BackgroundTask.run("close window " + id, () -> services.layout().close(id))
                    .onError(e -> LOG.error("window {} may reopen after a restart: {}", id, e.getMessage()))
                    .executeWith(runner);
        }
    }

    @Override
    public void quit() {
        if (closing) {
            return;
        }
        closing = true;
        onQuit.run();
    }

    /** Hides every window without recording it as closed: they come back at the next start. */
    public void hideAll() {
        closing = true;
        for (ChatWindow w : windows.values()) {
            w.stage().hide();
        }
    }

    // ---- Sync Now ----------------------------------------------------------------------------------

    @Override
    public void syncNow(ChatWindow w) {
        w.viewModel().reportStatus(StatusKind.SAVING, "Syncing…");
        for (ChatWindow each : windows.values()) {
            persist(each); // the current geometry of every window is part of what is flushed
        }
        SyncContext context = new SyncContext(openSessionIds());
        BackgroundTask.supply("sync now", () -> services.sync().syncNow(context))
                .onSuccess(summary -> reportSync(w, summary))
                .onError(e -> w.viewModel().reportStatus(StatusKind.ERROR, "Sync failed: " + e.getMessage()))
                .executeWith(runner);
    }

    /** With a sync server set up, the status bar says what the server exchange did ("Synced 14:02", "Offline — …"). */
    public void setSyncStatus(java.util.function.Function<SyncSummary, java.util.Optional<String>> status) {
        this.syncStatus = status;
    }

    private java.util.function.Function<SyncSummary, java.util.Optional<String>> syncStatus = s -> java.util.Optional.empty();

    private void reportSync(ChatWindow w, SyncSummary summary) {
        String time = LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        java.util.Optional<String> server = syncStatus.apply(summary);
        w.viewModel().reportStatus(summary.ok() ? StatusKind.SAVED : StatusKind.ERROR, server.orElse(summary.ok()
                ? "Synced " + time + " in " + summary.took().toMillis() + " ms"
                : "Sync found " + summary.problems().size() + " problem(s): " + summary.problems().get(0)));
        String title = summary.ok() ? "Sync Now: everything is saved" : "Sync Now found problems";
        w.notice(title + "\n" + summary.describe(), !summary.ok(),
                javafx.util.Duration.seconds(summary.ok() ? 8 : 20));
    }

    // ---- search and preferences --------------------------------------------------------------------

    @Override
    public void search(ChatWindow from) {
        if (searchDialog == null) {
            searchDialog = new dev.sessiondesk.ui.search.SearchDialog(from.stage(), services.desk().search(),
                    (sessionId, seq) -> {
                        ChatWindow target = windows.get(focusedWindowId);
                        openAt(target != null ? target : from, sessionId, seq);
                    });
        }
        searchDialog.show();
    }

    private dev.sessiondesk.ui.search.SearchDialog searchDialog;
    private java.nio.file.Path configDir;

    /** Where Preferences saves the assistant settings. */
    public void useConfigDir(java.nio.file.Path dir) {
        this.configDir = dir;
    }

    public dev.sessiondesk.ui.search.SearchDialog searchDialog() {
        return searchDialog;
    }

    @Override
    public void openAt(ChatWindow from, String sessionId, int seq) {
        for (ChatWindow w : windows.values()) {
            if (sessionId.equals(w.viewModel().sessionId()) && w.viewModel().bannerProperty().get() == null) {
                w.stage().toFront();
                w.stage().requestFocus();
                w.viewModel().scrollTargetProperty().set(-1);
                w.viewModel().scrollTargetProperty().set(seq);
                return;
            }
        }
        if (windows.containsValue(from)) {
            from.viewModel().openAt(sessionId, seq);
        }
    }

    @Override
    public void preferences(ChatWindow from) {
        new dev.sessiondesk.ui.prefs.PreferencesDialog(from.stage(), services.desk().assistants(), configDir, runner,
                message -> from.viewModel().reportStatus(StatusKind.SAVED, message)).show();
    }

    // ---- WindowContext -----------------------------------------------------------------------------

    @Override
    public Set<String> sessionsShownElsewhere(String windowId) {
        Set<String> out = new HashSet<>();
        for (ChatWindow w : windows.values()) {
            if (!w.viewModel().windowId().equals(windowId) && w.viewModel().sessionId() != null) {
                out.add(w.viewModel().sessionId());
            }
        }
        return out;
    }

    @Override
    public boolean focusWindowShowing(String sessionId, String askingWindowId) {
        for (ChatWindow w : windows.values()) {
            if (sessionId.equals(w.viewModel().sessionId()) && !w.viewModel().windowId().equals(askingWindowId)
                    && w.viewModel().bannerProperty().get() == null) {
                w.stage().toFront();
                w.stage().requestFocus();
                return true;
            }
        }
        return false;
    }

    @Override
    public void bindingChanged(ChatViewModel vm) {
        ChatWindow w = windows.get(vm.windowId());
        if (w != null) {
            persist(w);
            if (!restoring && (w.stage().isFocused() || vm.windowId().equals(focusedWindowId))) {
                vm.focused(); // the focused window switched session: that one is active now
            }
        }
    }

    @Override
    public void sessionsChanged() {
        sessionList.refresh();
    }

    /** A background writer announced new content: windows showing that session read it now. */
    public void sessionChanged(String sessionId) {
        for (ChatWindow w : windows.values()) {
            if (sessionId.equals(w.viewModel().sessionId())) {
                w.viewModel().refresh();
            }
        }
        sessionList.refresh();
    }

    /** Re-reads the session list and every window's new messages (other clients, replies). */
    public void pollStore() {
        sessionList.refresh();
        for (ChatWindow w : windows.values()) {
            w.viewModel().refresh();
        }
    }

    /** Adds the maintenance menus (File → Import…, Help → Verify Store…) to each new window's menu bar. */
    public void setMenuExtension(java.util.function.BiConsumer<javafx.scene.control.MenuBar, ChatWindow> extension) {
        this.menuExtension = extension;
    }

    @Override
    public void addMenus(javafx.scene.control.MenuBar bar, ChatWindow window) {
        menuExtension.accept(bar, window);
    }

    private java.util.function.BiConsumer<javafx.scene.control.MenuBar, ChatWindow> menuExtension = (bar, window) -> { };

    /** Writes a window's binding and geometry now (before the store is closed for a restore). */
    public void persistNow(ChatWindow w) {
        persist(w);
    }

    private void persist(ChatWindow w) {
        ChatViewModel vm = w.viewModel();
        sessionList.windowBySession().values().removeIf(vm.windowId()::equals);
        if (vm.sessionId() != null) {
            sessionList.windowBySession().put(vm.sessionId(), vm.windowId());
        }
        if (closing || vm.sessionId() == null || services.desk().store().isReadOnly()) {
            return;
        }
        services.layout().update(bindingOf(w));
    }

    WindowBinding bindingOf(ChatWindow w) {
        Stage s = w.stage();
        ChatViewModel vm = w.viewModel();
        WindowBinding normal = lastNormalBounds.get(vm.windowId());
        // A maximized window keeps the size it had before, so un-maximizing after a restart works.
        boolean useNormal = s.isMaximized() && normal != null;
        WindowBinding b = new WindowBinding(vm.windowId(), vm.sessionId(),
                useNormal ? normal.x() : s.getX(), useNormal ? normal.y() : s.getY(),
                useNormal ? normal.width() : s.getWidth(), useNormal ? normal.height() : s.getHeight(),
                s.isMaximized(), zOrder.getOrDefault(vm.windowId(), 0), vm.windowId().equals(focusedWindowId),
                vm.fingerprintProperty().get(), true, System.currentTimeMillis());
        if (!s.isMaximized()) {
            lastNormalBounds.put(vm.windowId(), b);
        }
        return b;
    }

    public List<ChatWindow> windows() {
        return List.copyOf(windows.values());
    }

    public Set<String> openSessionIds() {
        Set<String> ids = new HashSet<>();
        for (ChatWindow w : windows.values()) {
            if (w.viewModel().sessionId() != null && w.viewModel().bannerProperty().get() == null) {
                ids.add(w.viewModel().sessionId());
            }
        }
        return ids;
    }

    public SessionListModel sessionList() {
        return sessionList;
    }

    /** Background saves work again: windows that showed their failure say so. */
    public void backgroundSaveRecovered() {
        for (ChatWindow w : windows.values()) {
            w.viewModel().backgroundSaveRecovered();
        }
    }

    /** A save in the background failed: every window's status bar says so (the text stays put). */
    public void backgroundSaveFailed(RuntimeException error) {
        for (ChatWindow w : windows.values()) {
            w.viewModel().backgroundSaveFailed(error);
        }
    }
}
