package dev.sessiondesk.ui.sidebar;

import dev.sessiondesk.app.tasks.BackgroundTask;
import java.util.function.BiConsumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ready-made parts of a {@link SidebarHost}. */
public final class SidebarHosts {
    private static final Logger LOG = LoggerFactory.getLogger(SidebarHosts.class);

    private SidebarHosts() {
    }

    /** Asks with a modal alert over {@code owner}; the safe answer (Cancel) is the default button. */
    public static boolean confirmWithAlert(Window owner, String title, String header, String text, String goAhead) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle(title);
        alert.setHeaderText(header);
        alert.setContentText(text);
        ButtonType yes = new ButtonType(goAhead, ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(ButtonType.CANCEL, yes);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(yes)).setDefaultButton(false);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return alert.showAndWait().filter(yes::equals).isPresent();
    }

    /** A host that opens through {@code open} and does everything else through the store's services. */
    static SidebarHost basic(SessionListModel model, BiConsumer<String, Boolean> open) {
        return new SidebarHost() {
            @Override
            public void open(String sessionId, boolean inNewWindow) {
                open.accept(sessionId, inNewWindow);
            }

            @Override
            public String shownSessionId() {
                return null;
            }

            @Override
            public void status(String text) {
                LOG.info("sidebar: {}", text);
            }

            @Override
            public void trashShown() {
                // no window session to trash: the basic host shows none
            }

            @Override
            public void rename(String sessionId, String title) {
                later("rename session " + sessionId, () -> model.service().rename(sessionId, title.strip()));
            }

            @Override
            public void setPinned(String sessionId, boolean pinned) {
                later("pin session " + sessionId, () -> model.service().setPinned(sessionId, pinned));
            }

            @Override
            public void setArchived(String sessionId, boolean archived) {
                later("archive session " + sessionId, () -> model.service().setArchived(sessionId, archived));
            }

            @Override
            public boolean confirm(String title, String header, String text, String goAhead) {
                return confirmWithAlert(null, title, header, text, goAhead);
            }

            private void later(String what, BackgroundTask.Work work) {
                BackgroundTask.run(what, work).onFinally(model::refresh).executeWith(model.runner());
            }
        };
    }
}
