package dev.sessiondesk.ui.chat;

import dev.sessiondesk.model.Message;
import dev.sessiondesk.ui.chat.transcript.TranscriptView;
import dev.sessiondesk.ui.i18n.Texts;
import dev.sessiondesk.ui.sidebar.SessionListModel;
import dev.sessiondesk.ui.sidebar.SidebarView;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * A chat window: menu, optional session sidebar, the restore banner, the transcript (one WebView page),
 * the composer (Enter sends, Shift+Enter starts a new line) and the status bar with Sync Now.
 * All behaviour lives in {@link ChatViewModel}; this class only lays it out and wires keys.
 */
public final class ChatWindow {
    private static final Texts T = Texts.of("window");
    private static final Texts REPLY = Texts.of("actions");
    private final Stage stage;
    private final ChatViewModel vm;
    private final WindowActions actions;
    private final SidebarView sidebar;
    private final SplitPane split = new SplitPane();
    private final FilteredList<Message> visible;
    private final TranscriptView transcript;
    private final javafx.scene.layout.StackPane emptyState = new javafx.scene.layout.StackPane();
    private final TextArea composer = CaretBlink.settling(new TextArea()); // no repaint per blink while idle
    private final ComposerBar composerBar;
    private final Label status = new Label();
    private final VBox bannerBox = new VBox(6);
    private final HBox bannerButtons = new HBox(8);
    private final org.controlsfx.control.NotificationPane notices = new org.controlsfx.control.NotificationPane();
    private final javafx.animation.PauseTransition noticeTimer = new javafx.animation.PauseTransition();

    public ChatWindow(Stage stage, ChatViewModel vm, SessionListModel sessions, WindowActions actions) {
        this.stage = stage;
        this.vm = vm;
        this.actions = actions;
        this.sidebar = new SidebarView(sessions, vm::windowId, (id, newWindow) -> {
            if (newWindow) {
                actions.openInNewWindow(id);
            } else {
                vm.open(id);
            }
        });

        // Messages meant for the agent only stay hidden unless View → Show hidden messages is on.
        visible = new FilteredList<>(vm.messages(), Message::userVisible);
        vm.showHiddenProperty().addListener((o, was, show) -> visible.setPredicate(show ? null : Message::userVisible));
        transcript = new TranscriptView(visible, new TranscriptActionsOf(vm.messageActions()), actions::openLink, vm.tasks());
        vm.searchTarget().seqProperty().addListener((o, was, seq) -> scrollToTarget());
        visible.addListener((ListChangeListener<Message>) c -> scrollToTarget());

        composer.setId("composer");
        composer.setAccessibleText(T.get("a11y.composer"));
        composer.setWrapText(true);
        composer.setPrefRowCount(3);
        composer.textProperty().bindBidirectional(vm.composer().textProperty());
        composer.disableProperty().bind(vm.bannerProperty().isNotNull());
        composerBar = new ComposerBar(composer, vm.composer().queue(), vm.composer().attachments(),
                vm.composer().assistantChoice(), new ComposerBar.Controls(vm.replyBar().replyingProperty(),
                vm.composer().sendingProperty(), vm.bannerProperty().isNotNull(), vm.replyBar()::stop, stage));
        vm.messageActions().duplicatesOpenWith(actions::openInNewWindow);

        buildBanner();
        hostSidebar();
        transcript.node().setId("messages");
        transcript.node().setAccessibleText(T.get("a11y.conversation"));
        // The empty state (who answers, the main keys) lies over the transcript while it has no message.
        emptyState.setMouseTransparent(false);
        emptyState.setId("empty-state-layer");
        emptyState.getStyleClass().add("empty-state-layer"); // opaque: the page's own "no messages" line stays under it
        // Not while a banner holds the session back: it has messages, the user just has not chosen yet.
        emptyState.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(visible).and(vm.bannerProperty().isNull()));
        emptyState.managedProperty().bind(emptyState.visibleProperty());
        javafx.scene.layout.StackPane conversation = new javafx.scene.layout.StackPane(transcript.node(), emptyState);
        VBox chat = new VBox(bannerBox, conversation, replyBar(), composerBar.node());
        chat.getStyleClass().add("chat");
        VBox.setVgrow(conversation, Priority.ALWAYS);

        // ControlsFX's in-window notification bar: unlike its popup Notifications it needs no
        // transparent window, which non-composited X desktops draw as a black box.
        notices.setContent(chat);
        notices.setShowFromTop(true);
        notices.setFocusTraversable(false); // a container: Tab goes to what it holds
        notices.getStyleClass().add("notices");
        split.getItems().addAll(sidebar, notices);
        split.setDividerPositions(0.32);
        SplitPane.setResizableWithParent(sidebar, false);
        vm.sidebarShownProperty().addListener((o, was, shown) -> {
            if (shown && !split.getItems().contains(sidebar)) {
                split.getItems().add(0, sidebar);
                split.setDividerPositions(0.32);
            } else if (!shown) {
                split.getItems().remove(sidebar);
            }
        });

        BorderPane root = new BorderPane(split);
        root.setTop(menuBar());
        root.setBottom(statusBar());
        root.getStyleClass().add("chat-window");
        Scene scene = new Scene(root);
        // The user's next action after a search hit was shown fades its marked words (the page sees its own).
        scene.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> transcript.fadeMarks());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            transcript.fadeMarks();
            if (e.getCode() == KeyCode.ESCAPE && vm.replyBar().replyingProperty().get()) {
                e.consume();
                vm.replyBar().stop();
            }
        });
        scene.getStylesheets().add(Objects.requireNonNull(
                ChatWindow.class.getResource("/dev/sessiondesk/ui/sessiondesk.css")).toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(Bindings.concat(vm.titleProperty(), " — SessionDesk"));
        stage.setOnShown(e -> composer.requestFocus());
        stage.setMinWidth(420);
        stage.setMinHeight(320);
    }

    /** A search asked for a message: once it is loaded, show it with its words marked and clear the request. */
    private void scrollToTarget() {
        int seq = vm.searchTarget().seq();
        if (seq >= 0 && transcript.reveal(seq, vm.searchTarget().words())) {
            vm.searchTarget().clear();
        }
    }

    private void buildBanner() {
        bannerBox.setId("banner");
        bannerBox.getStyleClass().add("banner");
        Label headline = new Label();
        headline.getStyleClass().add("banner-headline");
        headline.setWrapText(true);
        Label detail = new Label();
        detail.getStyleClass().add("banner-detail");
        detail.setWrapText(true);
        // The choices that act on the finding (restore the session, keep it as it is) are added by the
        // recovery offers (addBannerChoice); Close window is always there.
        Button close = new Button(T.get("banner.close"));
        close.setId("banner-close");
        close.setOnAction(e -> actions.closeWindow(this));
        bannerButtons.getChildren().add(close);
        bannerBox.getChildren().addAll(headline, detail, bannerButtons);
        vm.bannerProperty().addListener((o, was, b) -> {
            headline.setText(b == null ? "" : b.headline());
            detail.setText(b == null ? "" : b.detail());
        });
        bannerBox.visibleProperty().bind(vm.bannerProperty().isNotNull());
        bannerBox.managedProperty().bind(bannerBox.visibleProperty());
    }

    /** Under the conversation: why the last reply failed, or that it was cut short, with Retry / Continue. */
    private HBox replyBar() {
        Label text = new Label();
        text.setId("reply-problem");
        text.setWrapText(true);
        text.getStyleClass().add("reply-problem-text");
        text.textProperty().bind(Bindings.createStringBinding(() -> {
            String problem = vm.replyBar().problemProperty().get();
            if (problem != null) {
                return REPLY.get("reply.problem", problem);
            }
            return vm.replyBar().interruptedProperty().get() ? REPLY.get("reply.interrupted") : "";
        }, vm.replyBar().problemProperty(), vm.replyBar().interruptedProperty()));
        Button retry = new Button(REPLY.get("reply.retry"));
        retry.setId("reply-retry");
        retry.setMinWidth(Region.USE_PREF_SIZE);
        retry.setOnAction(e -> vm.replyBar().retry());
        Button carryOn = new Button(REPLY.get("reply.continue"));
        carryOn.setId("reply-continue");
        carryOn.setMinWidth(Region.USE_PREF_SIZE);
        carryOn.setOnAction(e -> vm.replyBar().continueReply());
        carryOn.visibleProperty().bind(vm.replyBar().interruptedProperty());
        carryOn.managedProperty().bind(carryOn.visibleProperty());
        HBox bar = new HBox(8, text, retry, carryOn);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setId("reply-bar");
        bar.getStyleClass().add("reply-bar");
        bar.visibleProperty().bind(vm.replyBar().problemProperty().isNotNull().or(vm.replyBar().interruptedProperty())
                .and(vm.replyBar().replyingProperty().not()));
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /** Another feature's choice on the restore banner (e.g. "Open from backup"), before "Close window". */
    public void addBannerChoice(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        bannerButtons.getChildren().add(Math.max(0, bannerButtons.getChildren().size() - 1), b);
    }

    private MenuBar menuBar() {
        MenuItem newWindow = item("item.newWindow", "Shortcut+N", actions::newWindow);
        MenuItem newChat = item("item.newChat", "Shortcut+T", vm::newChat);
        MenuItem openNew = item("item.openInNewWindow", "Shortcut+Shift+O",
                () -> sidebar.selected().ifPresent(actions::openInNewWindow));
        MenuItem close = item("item.closeWindow", "Shortcut+W", () -> actions.closeWindow(this));
        MenuItem sync = item("item.syncNow", "Shortcut+Shift+S", () -> actions.syncNow(this));
        MenuItem quit = item("item.quit", "Shortcut+Q", actions::quit);
        Menu file = menu("menu-file", "menu.file", newWindow, newChat, openNew, new SeparatorMenuItem(), sync,
                new SeparatorMenuItem(), close, quit);
        MenuItem rename = item("item.rename", "F2", this::askRename);
        MenuItem trash = item("item.trash", "Shortcut+Shift+DELETE", vm::trash);
        MenuItem undo = item("item.undoTrash", null, vm::undoTrash); // Ctrl+Z stays the composer's own undo
        undo.disableProperty().bind(vm.undoableTrashProperty().isNull());
        MenuItem exportJson = item("item.exportJson", null, () -> export(dev.sessiondesk.app.SessionExporter.Format.JSON));
        MenuItem exportMd = item("item.exportMarkdown", null, () -> export(dev.sessiondesk.app.SessionExporter.Format.MD));
        MenuItem stopReply = item("item.stopReply", null, vm.replyBar()::stop);
        stopReply.disableProperty().bind(vm.replyBar().replyingProperty().not());
        Menu session = menu("menu-session", "menu.session", rename, trash, undo, new SeparatorMenuItem(), stopReply,
                new SeparatorMenuItem(), exportJson, exportMd);
        MenuItem search = item("item.search", "Shortcut+K", () -> actions.search(this));
        MenuItem prefs = item("item.preferences", "Shortcut+COMMA", () -> actions.preferences(this));
        Menu edit = menu("menu-edit", "menu.edit", search, new SeparatorMenuItem(), prefs);
        MenuItem toggle = item("item.toggleSidebar", "Shortcut+B",
                () -> vm.sidebarShownProperty().set(!vm.sidebarShownProperty().get()));
        javafx.scene.control.CheckMenuItem hidden = new javafx.scene.control.CheckMenuItem(T.get("item.showHidden"));
        hidden.setId("show-hidden");
        hidden.selectedProperty().bindBidirectional(vm.showHiddenProperty());
        Menu view = menu("menu-view", "menu.view", toggle, hidden);
        MenuBar bar = new MenuBar(file, edit, session, view);
        bar.setUseSystemMenuBar(true);
        actions.addMenus(bar, this);
        return bar;
    }

    /** A top menu with a stable id: other parts find it by id, since its text depends on the language. */
    private static Menu menu(String id, String key, MenuItem... items) {
        Menu menu = new Menu(T.get(key), null, items);
        menu.setId(id);
        return menu;
    }

    private static MenuItem item(String key, String keys, Runnable action) {
        MenuItem item = new MenuItem(T.get(key));
        if (keys != null) {
            item.setAccelerator(KeyCombination.keyCombination(keys));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private HBox statusBar() {
        status.setId("status");
        status.textProperty().bind(vm.status().textProperty());
        vm.status().kindProperty().addListener((o, was, kind) -> styleStatus(kind));
        styleStatus(vm.status().kindProperty().get());
        Hyperlink undo = new Hyperlink(T.get("status.undoTrash"));
        undo.setId("undo-trash");
        undo.setOnAction(e -> vm.undoTrash());
        undo.visibleProperty().bind(vm.undoableTrashProperty().isNotNull());
        undo.managedProperty().bind(undo.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // A long status (an error that names an endpoint) is cut short, never the buttons beside it.
        status.setMinWidth(0);
        status.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        HBox.setHgrow(status, Priority.SOMETIMES);
        Button sidebarToggle = new Button(T.get("status.sessions"));
        sidebarToggle.setMinWidth(Region.USE_PREF_SIZE);
        sidebarToggle.setOnAction(e -> vm.sidebarShownProperty().set(!vm.sidebarShownProperty().get()));
        Button sync = new Button(T.get("status.syncNow"));
        sync.setId("sync-now");
        sync.setMinWidth(Region.USE_PREF_SIZE);
        sync.setOnAction(e -> actions.syncNow(this));
        Hyperlink undoHide = new Hyperlink(REPLY.get("undoHide"));
        undoHide.setId("undo-hide");
        undoHide.setOnAction(e -> vm.messageActions().undoHide());
        undoHide.visibleProperty().bind(vm.messageActions().undoableHideProperty().isNotNull());
        undoHide.managedProperty().bind(undoHide.visibleProperty());
        HBox bar = new HBox(8, status, undo, undoHide, spacer, sidebarToggle, sync);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void styleStatus(StatusKind kind) {
        status.getStyleClass().removeIf(s -> s.startsWith("status-"));
        status.getStyleClass().add("status-" + kind.name().toLowerCase(java.util.Locale.ROOT));
    }

    private void export(dev.sessiondesk.app.SessionExporter.Format format) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(T.get("export.title"));
        String ext = format == dev.sessiondesk.app.SessionExporter.Format.JSON ? "json" : "md";
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter(
                T.get(format == dev.sessiondesk.app.SessionExporter.Format.JSON ? "export.json" : "export.markdown"), "*." + ext));
        chooser.setInitialFileName(vm.titleProperty().get().replaceAll("[^\\w .-]", "_").strip() + "." + ext);
        java.io.File file = chooser.showSaveDialog(stage);
        if (file != null) {
            vm.sessionActions().export(format, file.toPath());
        }
    }

    /** The sidebar opens, renames, pins and archives through this window, so its status bar tells what happened. */
    private void hostSidebar() {
        sidebar.setHost(new WindowSidebarHost(vm, actions, stage));
    }

    private void askRename() {
        TextInputDialog dialog = new TextInputDialog(vm.titleProperty().get());
        dialog.initOwner(stage);
        dialog.setTitle(T.get("rename.title"));
        dialog.setHeaderText(T.get("rename.header"));
        dialog.showAndWait().ifPresent(t -> vm.sessionActions().rename(vm.sessionId(), t));
    }

    /** Shows a report (Sync Now) in a bar over the conversation for a few seconds. */
    public void notice(String text, boolean problem, javafx.util.Duration visibleFor) {
        notices.getStyleClass().removeAll("notice-ok", "notice-problem");
        notices.getStyleClass().add(problem ? "notice-problem" : "notice-ok");
        notices.show(text);
        noticeTimer.setDuration(visibleFor);
        noticeTimer.setOnFinished(e -> notices.hide());
        noticeTimer.playFromStart();
    }

    public String noticeText() {
        return notices.isShowing() ? notices.getText() : null;
    }

    /** What the conversation shows while it has no message (who answers, the main keys). */
    public void setEmptyState(javafx.scene.Node placeholder) {
        emptyState.getChildren().setAll(placeholder);
    }

    public Stage stage() {
        return stage;
    }

    public ChatViewModel viewModel() {
        return vm;
    }

    public ComposerBar composerBar() {
        return composerBar;
    }

    public TextArea composer() {
        return composer;
    }

    /** The conversation view (one WebView page); {@code setTheme} switches it light or dark. */
    public TranscriptView transcript() {
        return transcript;
    }

    /** The messages the transcript shows: the session's, less the hidden ones unless they are shown. */
    public ObservableList<Message> visibleMessages() {
        return visible;
    }

    public SidebarView sidebar() {
        return sidebar;
    }

    public VBox banner() {
        return bannerBox;
    }

    /** A notice about the whole store above the conversation (e.g. that it is damaged); it shows itself. */
    public void showStoreNotice(Node notice) {
        ((VBox) bannerBox.getParent()).getChildren().add(0, notice);
    }

    public Label status() {
        return status;
    }
}
