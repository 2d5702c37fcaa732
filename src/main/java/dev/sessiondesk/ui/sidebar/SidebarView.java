package dev.sessiondesk.ui.sidebar;

import dev.sessiondesk.model.Session;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.collections.MapChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The session list beside a conversation: a filter box and, per session, its title, message count,
 * last activity and a marker when another window shows it. Opening a session (double-click, Enter)
 * shows it here or focuses the window that already shows it.
 */
public final class SidebarView extends VBox {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM");

    private final TextField filter = new TextField();
    private final ListView<Session> list = new ListView<>();
    private final ContextMenu contextMenu = new ContextMenu();

    /**
     * @param open           (sessionId, inNewWindow) → show it
     * @param thisWindowId   the window this sidebar belongs to
     */
    public SidebarView(SessionListModel model, Supplier<String> thisWindowId, BiConsumer<String, Boolean> open) {
        super(6);
        getStyleClass().add("sidebar");
        filter.setPromptText("Filter sessions");
        filter.getStyleClass().add("sidebar-filter");
        FilteredList<Session> shown = new FilteredList<>(model.sessions());
        filter.textProperty().addListener((o, a, text) -> {
            String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(needle.isEmpty() ? null
                    : s -> s.displayTitle().toLowerCase(Locale.ROOT).contains(needle) || s.id().startsWith(needle));
        });
        list.setItems(shown);
        list.setId("session-list");
        list.setCellFactory(lv -> new SessionCell(model, thisWindowId));
        list.setPlaceholder(new Label("No sessions"));
        model.windowBySession().addListener((MapChangeListener<String, String>) c -> list.refresh());
        list.setOnMouseClicked(e -> {
            Session s = list.getSelectionModel().getSelectedItem();
            if (s != null && e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                open.accept(s.id(), false);
            }
        });
        list.setOnKeyPressed(e -> {
            Session s = list.getSelectionModel().getSelectedItem();
            if (s != null && e.getCode() == KeyCode.ENTER) {
                open.accept(s.id(), e.isShortcutDown());
            }
        });
        MenuItem openHere = new MenuItem("Open");
        openHere.setOnAction(e -> selected().ifPresent(id -> open.accept(id, false)));
        MenuItem openNew = new MenuItem("Open in New Window");
        openNew.setOnAction(e -> selected().ifPresent(id -> open.accept(id, true)));
        list.setContextMenu(contextMenu);
        contextMenu.getItems().addAll(openHere, openNew);
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(filter, list);
        setPrefWidth(270);
        setMinWidth(180);
    }

    /** More entries for the session list's context menu (rename, pin, archive); they act on {@link #selectedSession()}. */
    public ContextMenu contextMenu() {
        return contextMenu;
    }

    public java.util.Optional<Session> selectedSession() {
        return java.util.Optional.ofNullable(list.getSelectionModel().getSelectedItem());
    }

    public java.util.Optional<String> selected() {
        return java.util.Optional.ofNullable(list.getSelectionModel().getSelectedItem()).map(Session::id);
    }

    public TextField filterField() {
        return filter;
    }

    public ListView<Session> listView() {
        return list;
    }

    static String activity(long epochMs, Instant now) {
        Duration ago = Duration.between(Instant.ofEpochMilli(epochMs), now);
        if (ago.toMinutes() < 1) {
            return "just now";
        }
        if (ago.toHours() < 1) {
            return ago.toMinutes() + " min ago";
        }
        if (ago.toDays() < 1) {
            return ago.toHours() + " h ago";
        }
        return DAY.format(Instant.ofEpochMilli(epochMs).atZone(ZoneId.systemDefault()));
    }

    private static final class SessionCell extends ListCell<Session> {
        private final SessionListModel model;
        private final Supplier<String> thisWindowId;
        private final Label title = new Label();
        private final Label meta = new Label();
        private final Label marker = new Label();
        private final javafx.scene.control.Tooltip markerTip = new javafx.scene.control.Tooltip();
        private final VBox box;

        SessionCell(SessionListModel model, Supplier<String> thisWindowId) {
            this.model = model;
            this.thisWindowId = thisWindowId;
            title.getStyleClass().add("session-title");
            meta.getStyleClass().add("session-meta");
            marker.getStyleClass().add("session-open-marker");
            marker.setMinWidth(Region.USE_PREF_SIZE);
            marker.setTooltip(markerTip);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox top = new HBox(6, title, spacer, marker);
            box = new VBox(2, top, meta);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Session s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
                setGraphic(null);
                return;
            }
            title.setText((s.pinned() ? "📌 " : "") + s.displayTitle() + (s.archived() ? " (archived)" : ""));
            meta.setText(s.messageCount() + (s.messageCount() == 1 ? " message · " : " messages · ")
                    + activity(s.lastActivity(), Instant.now()));
            String window = model.windowBySession().get(s.id());
            boolean elsewhere = window != null && !window.equals(thisWindowId.get());
            boolean here = window != null && window.equals(thisWindowId.get());
            marker.setVisible(elsewhere || here);
            marker.setText(elsewhere ? "● open" : "here");
            markerTip.setText(elsewhere ? "Shown in another window: opening it focuses that window" : "Shown in this window");
            marker.getStyleClass().removeAll("marker-here", "marker-elsewhere");
            marker.getStyleClass().add(elsewhere ? "marker-elsewhere" : "marker-here");
            setGraphic(box);
        }
    }
}
