package dev.sessiondesk.ui.sidebar;

import dev.sessiondesk.model.Session;
import dev.sessiondesk.ui.i18n.Texts;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The session list beside a conversation: a filter box, the Sessions / Archive / Trash views and
 * the list itself, grouped Pinned / Today / Yesterday / Previous 7 days / Older with branches under
 * their parent. A click (or Enter) opens a session in this window; Ctrl+click, a middle click,
 * Ctrl+Enter or the context menu open it in a new one.
 */
public final class SidebarView extends VBox {
    private static final Texts T = Texts.of("sidebar");

    private final SessionListModel model;
    private final TextField filter = new TextField();
    private final ListView<SidebarRow> list = new ListView<>();
    private final ContextMenu contextMenu = new ContextMenu();
    private final ObjectProperty<SidebarMode> mode = new SimpleObjectProperty<>(SidebarMode.SESSIONS);
    private final Button emptyTrash = new Button(T.get("button.empty-trash"));
    private final Label placeholder = new Label();
    private final Clock clock;
    private SidebarHost host;
    private SidebarActions actions;

    /** A sidebar whose host does everything through {@code open}'s window; see {@link #setHost}. */
    public SidebarView(SessionListModel model, Supplier<String> thisWindowId, java.util.function.BiConsumer<String, Boolean> open) {
        this(model, thisWindowId, SidebarHosts.basic(model, open), Clock.systemDefaultZone());
    }

    public SidebarView(SessionListModel model, Supplier<String> thisWindowId, SidebarHost host, Clock clock) {
        super(6);
        this.model = model;
        this.clock = clock;
        getStyleClass().add("sidebar");
        setHost(host);

        filter.setPromptText(T.get("filter.prompt"));
        filter.setAccessibleText(T.get("filter.a11y"));
        filter.getStyleClass().add("sidebar-filter");
        filter.setId("session-filter");
        filter.textProperty().addListener((o, a, text) -> rebuild());
        filter.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DOWN && !list.getItems().isEmpty()) {
                list.requestFocus();
                if (list.getSelectionModel().isEmpty()) {
                    list.getSelectionModel().selectFirst();
                }
                e.consume();
            }
        });

        HBox views = new HBox(4);
        views.getStyleClass().add("sidebar-views");
        views.setAccessibleRole(AccessibleRole.TOOL_BAR);
        views.setAccessibleText(T.get("view.a11y"));
        ToggleGroup group = new ToggleGroup();
        for (SidebarMode m : SidebarMode.values()) {
            ToggleButton b = new ToggleButton(T.get("view." + m.name().toLowerCase(java.util.Locale.ROOT)));
            b.setId("sidebar-view-" + m.name().toLowerCase(java.util.Locale.ROOT));
            b.setToggleGroup(group);
            b.setUserData(m);
            b.setSelected(m == SidebarMode.SESSIONS);
            views.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one view is always chosen
            } else {
                mode.set((SidebarMode) now.getUserData());
            }
        });
        mode.addListener((o, was, now) -> {
            model.viewing(was, -1);
            model.viewing(now, +1);
            group.getToggles().forEach(t -> t.setSelected(t.getUserData() == now));
            rebuild();
        });

        list.setId("session-list");
        list.setAccessibleText(T.get("list.a11y"));
        list.setCellFactory(lv -> new SidebarCell(model, thisWindowId, this::cellClicked));
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add("session-meta");
        list.setPlaceholder(placeholder);
        for (SidebarMode m : SidebarMode.values()) {
            model.list(m).addListener((ListChangeListener<Session>) c -> {
                if (mode.get() == m) {
                    rebuild();
                }
            });
        }
        model.windowBySession().addListener((MapChangeListener<String, String>) c -> list.refresh());
        list.addEventFilter(KeyEvent.KEY_PRESSED, this::listKey);
        list.setContextMenu(contextMenu);
        contextMenu.setOnShowing(e -> fillContextMenu());

        emptyTrash.setId("empty-trash");
        emptyTrash.setMaxWidth(Double.MAX_VALUE);
        emptyTrash.setOnAction(e -> actions.emptyTrash());
        emptyTrash.visibleProperty().bind(mode.isEqualTo(SidebarMode.TRASH));
        emptyTrash.managedProperty().bind(emptyTrash.visibleProperty());

        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(filter, views, list, emptyTrash);
        setPrefWidth(270);
        setMinWidth(180);
        rebuild();
    }

    /** Who opens, renames, pins and confirms for this sidebar (the chat window it sits in). */
    public void setHost(SidebarHost host) {
        this.host = host;
        this.actions = new SidebarActions(model, host);
    }

    private void rebuild() {
        String selectedId = selected().orElse(null);
        List<SidebarRow> rows = SidebarGrouping.rows(model.list(mode.get()), LocalDate.now(clock), clock.getZone(),
                filter.getText());
        setRows(list.getItems(), rows);
        String text = filter.getText() == null ? "" : filter.getText().strip();
        placeholder.setText(!text.isEmpty() ? T.get("empty.filtered", text)
                : T.get("empty." + mode.get().name().toLowerCase(java.util.Locale.ROOT)));
        if (selectedId != null) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).session().id().equals(selectedId)) {
                    list.getSelectionModel().select(i);
                    break;
                }
            }
        }
    }

    /**
     * Puts {@code rows} in place of what the list shows, touching only the rows that differ when their
     * number stayed the same (a session got a message): the list then updates those cells, instead of
     * laying out and restyling all of them.
     */
    static void setRows(ObservableList<SidebarRow> shown, List<SidebarRow> rows) {
        if (shown.size() != rows.size()) {
            shown.setAll(rows);
            return;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).equals(shown.get(i))) {
                shown.set(i, rows.get(i));
            }
        }
    }

    private void cellClicked(SidebarRow row, boolean inNewWindow) {
        if (mode.get() == SidebarMode.TRASH) {
            return; // a session in the trash is restored first, never opened from there
        }
        host.open(row.session().id(), inNewWindow);
    }

    private void listKey(KeyEvent e) {
        Optional<Session> s = selectedSession();
        if (s.isEmpty()) {
            return;
        }
        if (e.getCode() == KeyCode.ENTER && mode.get() != SidebarMode.TRASH) {
            host.open(s.get().id(), e.isShortcutDown());
            e.consume();
        } else if (e.getCode() == KeyCode.DELETE) {
            if (mode.get() == SidebarMode.TRASH) {
                actions.deleteForever(s.get());
            } else {
                actions.trash(s.get());
            }
            e.consume();
        } else if (e.getCode() == KeyCode.F2 && mode.get() != SidebarMode.TRASH) {
            rename(s.get());
            e.consume();
        }
    }

    /** The menu for the selected session, fitting the view it is in. */
    private void fillContextMenu() {
        ObservableList<MenuItem> items = contextMenu.getItems();
        items.clear();
        Optional<Session> selected = selectedSession();
        if (selected.isEmpty()) {
            return;
        }
        Session s = selected.get();
        switch (mode.get()) {
            case SESSIONS -> items.addAll(
                    item("menu-open", "menu.open", () -> host.open(s.id(), false)),
                    item("menu-open-new", "menu.open-new", () -> host.open(s.id(), true)),
                    new SeparatorMenuItem(),
                    item("menu-rename", "menu.rename", () -> rename(s)),
                    item("menu-pin", s.pinned() ? "menu.unpin" : "menu.pin", () -> host.setPinned(s.id(), !s.pinned())),
                    item("menu-archive", "menu.archive", () -> host.setArchived(s.id(), true)),
                    new SeparatorMenuItem(),
                    item("menu-delete", "menu.delete", () -> actions.trash(s)));
            case ARCHIVE -> items.addAll(
                    item("menu-open", "menu.open", () -> host.open(s.id(), false)),
                    item("menu-open-new", "menu.open-new", () -> host.open(s.id(), true)),
                    new SeparatorMenuItem(),
                    item("menu-unarchive", "menu.unarchive", () -> actions.unarchive(s)),
                    item("menu-delete", "menu.delete", () -> actions.trash(s)));
            case TRASH -> items.addAll(
                    item("menu-restore", "menu.restore", () -> actions.restore(s)),
                    item("menu-delete-forever", "menu.delete-forever", () -> actions.deleteForever(s)));
        }
    }

    private static MenuItem item(String id, String key, Runnable action) {
        MenuItem item = new MenuItem(T.get(key));
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }

    private void rename(Session s) {
        TextInputDialog dialog = new TextInputDialog(s.displayTitle());
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
        }
        dialog.setTitle(T.get("rename.title"));
        dialog.setHeaderText(T.get("rename.header"));
        dialog.showAndWait().ifPresent(t -> host.rename(s.id(), t));
    }

    /** The context menu of the session list; its items are rebuilt for the selected session each time it opens. */
    public ContextMenu contextMenu() {
        return contextMenu;
    }

    public Optional<Session> selectedSession() {
        return Optional.ofNullable(list.getSelectionModel().getSelectedItem()).map(SidebarRow::session);
    }

    public Optional<String> selected() {
        return selectedSession().map(Session::id);
    }

    public ObjectProperty<SidebarMode> modeProperty() {
        return mode;
    }

    public TextField filterField() {
        return filter;
    }

    public ListView<SidebarRow> listView() {
        return list;
    }

    public Button emptyTrashButton() {
        return emptyTrash;
    }

    /** Runs the context-menu action {@code id} (e.g. "menu-delete") on the selected session, as a click would. */
    public void runMenuItem(String id) {
        fillContextMenu();
        contextMenu.getItems().stream().filter(i -> id.equals(i.getId())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no menu item " + id + " in the " + mode.get() + " view"))
                .fire();
    }
}
