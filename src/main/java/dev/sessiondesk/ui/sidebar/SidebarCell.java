package dev.sessiondesk.ui.sidebar;

import dev.sessiondesk.model.Session;
import dev.sessiondesk.ui.i18n.Texts;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** One session in the sidebar: the group heading when it starts one, title, marker, count and time. */
final class SidebarCell extends ListCell<SidebarRow> {
    private static final Texts T = Texts.of("sidebar");
    private final SessionListModel model;
    private final Supplier<String> thisWindowId;
    private final Label heading = new Label();
    private final Label title = new Label();
    private final Label meta = new Label();
    private final Label marker = new Label();
    private final Tooltip markerTip = new Tooltip();
    private final Tooltip fullTitle = new Tooltip();
    private final VBox entry;
    private final VBox box;

    SidebarCell(SessionListModel model, Supplier<String> thisWindowId, BiConsumer<SidebarRow, Boolean> clicked) {
        this.model = model;
        this.thisWindowId = thisWindowId;
        heading.getStyleClass().add("sidebar-group");
        heading.managedProperty().bind(heading.visibleProperty());
        title.getStyleClass().add("session-title");
        title.setTextOverrun(OverrunStyle.ELLIPSIS);
        title.setMinWidth(0);
        meta.getStyleClass().add("session-meta");
        marker.getStyleClass().add("session-open-marker");
        marker.setMinWidth(Region.USE_PREF_SIZE);
        marker.setTooltip(markerTip);
        fullTitle.setWrapText(true);
        fullTitle.setMaxWidth(420);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(title, Priority.SOMETIMES);
        HBox top = new HBox(6, title, spacer, marker);
        entry = new VBox(2, top, meta);
        box = new VBox(2, heading, entry);
        setPrefWidth(0);
        setAccessibleRole(AccessibleRole.LIST_ITEM);
        setOnMouseClicked(e -> {
            if (isEmpty() || getItem() == null || e.getClickCount() != 1 || !e.isStillSincePress()) {
                return;
            }
            if (e.getButton() == MouseButton.PRIMARY) {
                clicked.accept(getItem(), e.isShortcutDown() || e.isShiftDown());
            } else if (e.getButton() == MouseButton.MIDDLE) {
                clicked.accept(getItem(), true);
            }
        });
    }

    @Override
    protected void updateItem(SidebarRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null) {
            setGraphic(null);
            setTooltip(null);
            setAccessibleText(null);
            return;
        }
        Session s = row.session();
        heading.setVisible(row.startsGroup() != null);
        heading.setText(row.startsGroup() == null ? "" : T.get(row.startsGroup().key()));
        title.setText((row.isBranch() ? "↳ " : "") + (s.pinned() ? "📌 " : "") + s.displayTitle());
        entry.setPadding(new Insets(0, 0, 0, 14 * row.depth()));
        String count = T.get("meta.messages", s.messageCount());
        String when = s.inTrash() ? when(s.deletedAt()) : when(s.lastActivity());
        String first = row.isBranch() && s.parentSeq() != null ? T.get("meta.branch", s.parentSeq())
                : s.archived() && !s.inTrash() ? T.get("meta.archived") : count;
        meta.setText(row.isBranch() || s.archived() ? T.get("meta.line", first, T.get("meta.line", count, when))
                : T.get("meta.line", count, when));
        fullTitle.setText(row.isBranch() && row.parentTitle() != null && s.parentSeq() != null
                ? T.get("tip.branch", s.displayTitle(), row.parentTitle(), s.parentSeq()) : s.displayTitle());
        setTooltip(fullTitle);
        String window = model.windowBySession().get(s.id());
        boolean here = window != null && window.equals(thisWindowId.get());
        boolean elsewhere = window != null && !here;
        marker.setVisible(elsewhere || here);
        marker.setText(elsewhere ? T.get("marker.elsewhere") : T.get("marker.here"));
        markerTip.setText(elsewhere ? T.get("marker.elsewhere.tip") : T.get("marker.here.tip"));
        marker.getStyleClass().removeAll("marker-here", "marker-elsewhere");
        marker.getStyleClass().add(elsewhere ? "marker-elsewhere" : "marker-here");
        setAccessibleText(T.get("cell.a11y", s.displayTitle(), meta.getText()));
        setAccessibleHelp(T.get("cell.a11y.help"));
        setGraphic(box);
    }

    private static String when(long epochMs) {
        return ActivityText.of(epochMs, Instant.now(), ZoneId.systemDefault(), Locale.getDefault());
    }
}
