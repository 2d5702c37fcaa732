package dev.sessiondesk.ui.windows;

import dev.sessiondesk.app.client.ClientServices;
import dev.sessiondesk.app.client.OpenStore;
import dev.sessiondesk.app.client.RestoredWindow;
import dev.sessiondesk.app.instance.LaunchRequest;
import dev.sessiondesk.app.tasks.BackgroundTask;
import dev.sessiondesk.app.tasks.TaskRunner;
import dev.sessiondesk.model.Ids;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.ui.chat.ChatViewModel;
import dev.sessiondesk.ui.chat.ChatWindow;
import dev.sessiondesk.ui.chat.RetryScheduler;
import dev.sessiondesk.ui.chat.WindowActions;
import dev.sessiondesk.ui.chat.WindowContext;
import dev.sessiondesk.ui.search.SearchPalette;
import dev.sessiondesk.ui.theme.Appearance;
import dev.sessiondesk.ui.sidebar.SessionListModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.MenuBar;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open chat windows over one open store: creates, restores, focuses and closes them. Which
 * windows there are lives in the {@link WindowRegistry}, where they go in the {@link WindowGeometry},
 * writing each one's binding on every change in {@link WindowBindings}, what a window opens over
 * itself (search, Preferences, links) in {@link WindowTools}, Sync Now in {@link SyncNow}. Runs on
 * the FX thread.
 */
public final class WindowCoordinator implements WindowContext, WindowActions {
    private static final Logger LOG = LoggerFactory.getLogger(WindowCoordinator.class);

    private final OpenStore store;
    private final ClientServices services;
    private final TaskRunner runner;
    private final SessionListModel sessionList;
    private final RetryScheduler retries;
    private final Runnable onQuit;
    private final WindowRegistry registry = new WindowRegistry();
    private final WindowGeometry geometry = new WindowGeometry();
    private final SyncNow syncNow;
    private final WindowTools tools;
    private final WindowBindings bindings;
    private BiConsumer<MenuBar, ChatWindow> menuExtension = (bar, window) -> { };
    private Appearance appearance;
    private boolean closing;
    private boolean restoring;

    /** @param configDir where Preferences saves the assistant settings */
    public WindowCoordinator(OpenStore store, TaskRunner runner, RetryScheduler retries, Runnable onQuit, Path configDir) {
        this.store = store;
        this.services = store.services();
        this.runner = runner;
        this.retries = retries;
        this.onQuit = onQuit;
        this.tools = new WindowTools(store, runner, configDir);
        this.sessionList = new SessionListModel(store.desk().sessions(), runner);
        this.syncNow = new SyncNow(services.sync(), runner, store.serverSync());
        this.bindings = new WindowBindings(store, registry, geometry, sessionList, () -> closing);
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
            ChatWindow w = create(b.windowId(), new Rectangle2D(b.x(), b.y(), b.width(), b.height()));
            registry.placeInStack(b.windowId(), b.zOrder());
            geometry.restored(b);
            if (r.check().showable()) {
                w.viewModel().show(r.check().session(), r.messages());
            } else {
                w.viewModel().showProblem(b.sessionId(), b.fingerprint(), r.check());
            }
            w.viewModel().composer().restoreDraft(r.draft());
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
            Platform.runLater(() -> {
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
        ChatWindow w = create(Ids.newSessionId(), geometry.nextBounds(registry.anchor()));
        w.stage().show();
        w.viewModel().newChat();
    }

    @Override
    public void openInNewWindow(String sessionId) {
        if (focusWindowShowing(sessionId, null)) {
            return;
        }
        ChatWindow w = create(Ids.newSessionId(), geometry.nextBounds(registry.anchor()));
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

    private ChatWindow create(String windowId, Rectangle2D wanted) {
        Stage stage = new Stage();
        ChatViewModel vm = new ChatViewModel(windowId, services.chatPorts(), runner, this, retries, Clock.systemDefaultZone());
        ChatWindow w = new ChatWindow(stage, vm, sessionList, this);
        geometry.place(windowId, stage, wanted);
        ReplyAttention.follow(w);
        TranscriptKeys.install(stage.getScene(), TranscriptKeys.of(w.transcript()), w.transcript().node());
        EmptyChatView empty = new EmptyChatView(() -> store.desk().assistants().settings(), () -> preferences(w));
        w.setEmptyState(empty);
        stage.focusedProperty().addListener((o, was, now) -> {
            if (now) {
                empty.refresh();
            }
        });
        registry.add(windowId, w);
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

    private void focused(ChatWindow w) {
        String id = w.viewModel().windowId();
        if (restoring || !registry.contains(id)) {
            return;
        }
        String previous = registry.focus(id);
        w.viewModel().focused();
        persist(w);
        if (previous != null && !previous.equals(id) && registry.contains(previous)) {
            persist(registry.get(previous));
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
        if (registry.size() <= 1) {
            quit();
            return;
        }
        String id = w.viewModel().windowId();
        registry.remove(id);
        geometry.forget(id);
        sessionList.windowBySession().values().removeIf(id::equals);
        w.stage().hide();
        services.drafts().discard(id);
        if (!store.readOnly()) {
            String sessionId = w.viewModel().sessionId();
            // A "New chat" nobody wrote in is not kept once its window is gone (unless another window shows it).
            boolean discard = sessionId != null && !sessionsShownElsewhere(id).contains(sessionId);
            BackgroundTask.run("close window " + id, () -> {
                        services.layout().close(id);
                        if (discard && store.desk().sessions().discardIfUntouched(sessionId)) {
                            LOG.info("discarded the untouched new chat {} of closed window {}", sessionId, id);
                        }
                    })
                    .onError(e -> LOG.error("window {} may reopen after a restart: {}", id, e.getMessage()))
                    .onFinally(sessionList::refresh)
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
        sessionList.stop();
        for (ChatWindow w : registry.all()) {
            w.stage().hide();
        }
    }

    // ---- Sync Now, search and preferences ----------------------------------------------------------

    @Override
    public void syncNow(ChatWindow w) {
        bindings.persistAll(); // the current geometry of every window is part of what is flushed
        syncNow.run(w, registry.openSessionIds());
    }

    /** Ctrl+K: the search palette inside {@code from}; a hit opens in that same window. */
    @Override
    public void search(ChatWindow from) {
        tools.search(from, this::openAt);
    }

    /** The search palette last opened (in whichever window). */
    public SearchPalette searchPalette() {
        return tools.searchPalette();
    }

    @Override
    public void openAt(ChatWindow from, String sessionId, int seq, List<String> words) {
        var showing = registry.showing(sessionId, null);
        if (showing.isPresent()) {
            ChatWindow w = showing.get();
            w.stage().toFront();
            w.stage().requestFocus();
            w.viewModel().searchTarget().request(seq, words);
            return;
        }
        if (registry.contains(from)) {
            from.viewModel().openAt(sessionId, seq, words);
        }
    }

    @Override
    public void openLink(String url) {
        tools.openLink(url);
    }

    /** Where links from the transcript open: the system browser (the app's HostServices). */
    public void setBrowser(Consumer<String> browser) {
        tools.setBrowser(browser);
    }

    @Override
    public void preferences(ChatWindow from) {
        tools.preferences(from);
    }

    // ---- WindowContext -----------------------------------------------------------------------------

    @Override
    public Set<String> sessionsShownElsewhere(String windowId) {
        return registry.sessionsShownElsewhere(windowId);
    }

    @Override
    public boolean focusWindowShowing(String sessionId, String askingWindowId) {
        var showing = registry.showing(sessionId, askingWindowId);
        showing.ifPresent(w -> {
            w.stage().toFront();
            w.stage().requestFocus();
        });
        return showing.isPresent();
    }

    @Override
    public void bindingChanged(ChatViewModel vm) {
        ChatWindow w = registry.get(vm.windowId());
        if (w != null) {
            persist(w);
            if (!restoring && (w.stage().isFocused() || registry.isFocused(vm.windowId()))) {
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
        for (ChatWindow w : registry.all()) {
            if (sessionId.equals(w.viewModel().sessionId())) {
                w.viewModel().refresh();
            }
        }
        sessionList.refreshSoon(); // its "N messages · just now" need not follow every streamed word
    }

    /** Re-reads the session list and every window's new messages (other clients, replies). */
    public void pollStore() {
        sessionList.refresh();
        for (ChatWindow w : registry.all()) {
            w.viewModel().refresh();
        }
    }

    /** Theme and text size for View → Theme / Larger Text in each new window. */
    public void useAppearance(Appearance appearance) {
        this.appearance = appearance;
    }

    /** Adds the maintenance menus (File → Import…, Help → Verify Store…) to each new window's menu bar. */
    public void setMenuExtension(BiConsumer<MenuBar, ChatWindow> extension) {
        this.menuExtension = extension;
    }

    @Override
    public void addMenus(MenuBar bar, ChatWindow window) {
        menuExtension.accept(bar, window);
        WindowMenus.addTo(bar, window, registry::all, appearance);
        if (appearance != null) {
            // The transcript is a web page: it follows the theme through its own CSS variables.
            window.transcript().setTheme(appearance.themeProperty().get().dark());
            appearance.themeProperty().addListener((o, was, theme) -> window.transcript().setTheme(theme.dark()));
        }
    }

    /** Writes every window's binding and geometry now (before the store is closed for a restore). */
    public void persistAll() {
        bindings.persistAll();
    }

    private void persist(ChatWindow w) {
        bindings.persist(w);
    }

    public List<ChatWindow> windows() {
        return registry.all();
    }

    public Set<String> openSessionIds() {
        return registry.openSessionIds();
    }

    public SessionListModel sessionList() {
        return sessionList;
    }

    /** Background saves work again: windows that showed their failure say so. */
    public void backgroundSaveRecovered() {
        registry.all().forEach(w -> w.viewModel().status().backgroundSaveRecovered());
    }

    /** A save in the background failed: every window's status bar says so (the text stays put). */
    public void backgroundSaveFailed(RuntimeException error) {
        registry.all().forEach(w -> w.viewModel().status().backgroundSaveFailed(error));
    }
}
