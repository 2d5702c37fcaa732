package dev.sessiondesk.ui.chat;

import dev.sessiondesk.model.Message;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/** A list cell that draws one message; only the visible cells exist, so long sessions scroll smoothly. */
final class MessageCell extends ListCell<Message> {

    MessageCell(ListView<Message> list) {
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        // Bound to the list's width so Markdown wraps instead of widening the cell.
        prefWidthProperty().bind(list.widthProperty().subtract(28));
        setMaxWidth(USE_PREF_SIZE);
        getStyleClass().add("message-cell");
    }

    @Override
    protected void updateItem(Message m, boolean empty) {
        super.updateItem(m, empty);
        if (empty || m == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        VBox bubble = MessageView.render(m);
        bubble.setMaxWidth(Double.MAX_VALUE);
        setGraphic(bubble);
    }
}
