package dev.sessiondesk.ui.sidebar;

import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.SessionQuery;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import dev.sessiondesk.ui.chat.ChatWindow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListCell;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sidebar of a real window over a real store (Monocle): opening, the Archive and Trash views. */
class SidebarGuiTest {
    @TempDir
    Path dataDir;
    DeskClient client;

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    @AfterEach
    void quit() throws Exception {
        if (client != null) {
            GuiFixture.fx(() -> client.quit()).get(30, TimeUnit.SECONDS);
        }
    }

    private static Session seed(SessionDesk desk, String title, int messages) {
        Session s = desk.sessions().create(title, null);
        for (int i = 0; i < messages; i++) {
            desk.store().messages().append(s.id(), NewMessage.text(i % 2 == 0 ? Role.USER : Role.ASSISTANT, "text " + i));
        }
        return s;
    }

    private ChatWindow first() {
        return fxGet(() -> client.windows().get(0));
    }

    private static void clickCell(ChatWindow w, String sessionId, boolean shortcut) throws Exception {
        fxRun(() -> {
            ListCell<?> cell = w.sidebar().listView().lookupAll(".list-cell").stream()
                    .map(n -> (ListCell<?>) n)
                    .filter(c -> c.getItem() instanceof SidebarRow r && r.session().id().equals(sessionId))
                    .findFirst().orElseThrow(() -> new AssertionError("no cell shows session " + sessionId));
            cell.fireEvent(new MouseEvent(MouseEvent.MOUSE_CLICKED, 5, 5, 5, 5, MouseButton.PRIMARY, 1,
                    false, shortcut, false, false, true, false, false, true, false, true, null));
        });
    }

    private static void select(ChatWindow w, String sessionId) throws Exception {
        waitFor("session " + sessionId + " in the sidebar", () -> fxGet(() -> w.sidebar().listView().getItems().stream()
                .anyMatch(r -> r.session().id().equals(sessionId))));
        // ... and laid out in a cell (the list updates its cells in the next pulse; a loaded machine may not have had it)
        waitFor("a cell showing session " + sessionId, () -> fxGet(() -> w.sidebar().listView().lookupAll(".list-cell").stream()
                .anyMatch(n -> n instanceof ListCell<?> c && c.getItem() instanceof SidebarRow r && r.session().id().equals(sessionId))));
        fxRun(() -> {
            var items = w.sidebar().listView().getItems();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).session().id().equals(sessionId)) {
                    w.sidebar().listView().getSelectionModel().select(i);
                }
            }
        });
    }

    private static List<String> shown(ChatWindow w) {
        return fxGet(() -> w.sidebar().listView().getItems().stream().map(r -> r.session().id()).toList());
    }

    /** Presses the button of the confirmation that {@code action} opens (the action runs in the dialog's nested loop). */
    private static void answerConfirmation(Runnable action, ButtonBar.ButtonData answer) throws Exception {
        Platform.runLater(action);
        waitFor("a confirmation dialog", () -> fxGet(() -> Window.getWindows().stream()
                .anyMatch(win -> win.getScene() != null && win.getScene().getRoot() instanceof DialogPane)));
        fxRun(() -> {
            DialogPane pane = Window.getWindows().stream()
                    .filter(win -> win.getScene() != null && win.getScene().getRoot() instanceof DialogPane)
                    .map(win -> (DialogPane) win.getScene().getRoot()).findFirst().orElseThrow();
            ButtonType type = pane.getButtonTypes().stream().filter(t -> t.getButtonData() == answer).findFirst().orElseThrow();
            ((Button) pane.lookupButton(type)).fire();
        });
    }

    @Test
    void aSingleClickOpensHereAndCtrlClickOpensANewWindow() throws Exception {
        Session plans;
        Session notes;
        try (SessionDesk desk = SessionDesk.open(dataDir)) {
            plans = seed(desk, "Plans for the garden and the long winter ahead of us", 2);
            notes = seed(desk, "Notes", 3);
        }
        client = GuiFixture.start(dataDir, List.of());
        ChatWindow w = first();
        select(w, plans.id());
        clickCell(w, plans.id(), false);
        waitFor("the window to show Plans", () -> fxGet(() -> plans.id().equals(w.viewModel().sessionId())
                && w.viewModel().messages().size() == 2));
        assertThat(fxGet(() -> client.windows().size())).isEqualTo(1);
        String tip = fxGet(() -> w.sidebar().listView().lookupAll(".list-cell").stream().map(n -> (ListCell<?>) n)
                .filter(c -> c.getItem() instanceof SidebarRow r && r.session().id().equals(plans.id()))
                .findFirst().orElseThrow().getTooltip().getText());
        assertThat(tip).isEqualTo("Plans for the garden and the long winter ahead of us");

        clickCell(w, notes.id(), true);
        waitFor("a second window on Notes", () -> fxGet(() -> client.windows().size() == 2
                && client.windows().stream().anyMatch(x -> notes.id().equals(x.viewModel().sessionId()))));
        assertThat(fxGet(() -> w.viewModel().sessionId())).isEqualTo(plans.id());
    }

    @Test
    void archivedSessionsLeaveTheListAndComeBackFromTheArchiveView() throws Exception {
        Session old;
        try (SessionDesk desk = SessionDesk.open(dataDir)) {
            old = seed(desk, "Old project", 2);
        }
        client = GuiFixture.start(dataDir, List.of());
        ChatWindow w = first();
        select(w, old.id());
        fxRun(() -> w.sidebar().runMenuItem("menu-archive"));
        waitFor("the archived session to leave the list", () -> !shown(w).contains(old.id()));
        fxRun(() -> w.sidebar().modeProperty().set(SidebarMode.ARCHIVE));
        waitFor("the archive view to list it", () -> shown(w).equals(List.of(old.id())));
        select(w, old.id());
        fxRun(() -> w.sidebar().runMenuItem("menu-unarchive"));
        waitFor("the archive to be empty", () -> shown(w).isEmpty());
        assertThat(fxGet(() -> w.sidebar().listView().getPlaceholder() instanceof javafx.scene.control.Label l
                ? l.getText() : "")).startsWith("Nothing archived");
        fxRun(() -> w.sidebar().modeProperty().set(SidebarMode.SESSIONS));
        waitFor("the session back in the list", () -> shown(w).contains(old.id()));
        assertThat(client.services().desk().sessions().require(old.id()).archived()).isFalse();
    }

    @Test
    void deleteMovesToTheTrashWhereRestoreDeleteForeverAndEmptyTrashWorkAfterAsking() throws Exception {
        Session a;
        Session b;
        Session c;
        try (SessionDesk desk = SessionDesk.open(dataDir)) {
            a = seed(desk, "Alpha", 1);
            b = seed(desk, "Beta", 1);
            c = seed(desk, "Gamma", 1);
        }
        client = GuiFixture.start(dataDir, List.of());
        ChatWindow w = first();
        for (Session s : List.of(a, b, c)) {
            select(w, s.id());
            fxRun(() -> w.sidebar().runMenuItem("menu-delete"));
            waitFor(s.title() + " to leave the list", () -> !shown(w).contains(s.id()));
        }
        fxRun(() -> w.sidebar().modeProperty().set(SidebarMode.TRASH));
        waitFor("three sessions in the trash", () -> shown(w).size() == 3);
        assertThat(fxGet(() -> w.sidebar().emptyTrashButton().isVisible())).isTrue();

        select(w, a.id());
        fxRun(() -> w.sidebar().runMenuItem("menu-restore"));
        waitFor("Alpha out of the trash", () -> shown(w).size() == 2);
        assertThat(client.services().desk().sessions().require(a.id()).inTrash()).isFalse();

        select(w, b.id());
        answerConfirmation(() -> w.sidebar().runMenuItem("menu-delete-forever"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Thread.sleep(300);
        assertThat(client.services().desk().sessions().find(b.id())).as("kept after Cancel").isPresent();

        answerConfirmation(() -> w.sidebar().runMenuItem("menu-delete-forever"), ButtonBar.ButtonData.OK_DONE);
        waitFor("Beta gone for good", () -> client.services().desk().sessions().find(b.id()).isEmpty());
        waitFor("one session left in the trash", () -> shown(w).equals(List.of(c.id())));
        assertThat(fxGet(() -> w.status().getText())).isEqualTo("Deleted “Beta” for good");

        answerConfirmation(() -> w.sidebar().emptyTrashButton().fire(), ButtonBar.ButtonData.OK_DONE);
        waitFor("an empty trash", () -> shown(w).isEmpty());
        assertThat(client.services().desk().sessions().list(SessionQuery.trash())).isEmpty();
        assertThat(client.services().desk().sessions().find(a.id())).isPresent();
        assertThat(fxGet(() -> w.status().getText())).isEqualTo("Deleted one session for good");
    }

    @Test
    void anUntouchedNewChatIsNotKeptWhenItsWindowClosesButOneWithAMessageIs() throws Exception {
        try (SessionDesk desk = SessionDesk.open(dataDir)) {
            seed(desk, "Kept", 2);
        }
        client = GuiFixture.start(dataDir, List.of());
        fxRun(() -> client.coordinator().newWindow());
        waitFor("a second window on a new chat", () -> fxGet(() -> client.windows().size() == 2
                && client.windows().get(1).viewModel().sessionId() != null));
        ChatWindow empty = fxGet(() -> client.windows().get(1));
        String emptyId = fxGet(() -> empty.viewModel().sessionId());
        assertThat(client.services().desk().sessions().find(emptyId)).isPresent();
        fxRun(() -> client.coordinator().closeWindow(empty));
        waitFor("the untouched new chat to be gone", () -> client.services().desk().sessions().find(emptyId).isEmpty());

        fxRun(() -> client.coordinator().newWindow());
        waitFor("another new window", () -> fxGet(() -> client.windows().size() == 2
                && client.windows().get(1).viewModel().sessionId() != null));
        ChatWindow used = fxGet(() -> client.windows().get(1));
        GuiFixture.typeAndPressEnter(used, "hello");
        GuiFixture.assertSentAndShown(used, 1);
        String usedId = fxGet(() -> used.viewModel().sessionId());
        fxRun(() -> client.coordinator().closeWindow(used));
        waitFor("the window to close", () -> fxGet(() -> client.windows().size() == 1));
        Thread.sleep(300);
        assertThat(client.services().desk().sessions().find(usedId)).isPresent();
    }

    @Test
    void newMessagesInAWindowLeaveTheWindowBySessionMapAlone() throws Exception {
        Session plans;
        Session notes;
        try (SessionDesk desk = SessionDesk.open(dataDir)) {
            plans = seed(desk, "Plans", 2);
            notes = seed(desk, "Notes", 3);
        }
        client = GuiFixture.start(dataDir, List.of());
        ChatWindow w = first();
        select(w, plans.id());
        clickCell(w, plans.id(), false);
        clickCell(w, notes.id(), true);
        waitFor("a second window on Notes", () -> fxGet(() -> client.windows().size() == 2
                && client.windows().stream().anyMatch(x -> notes.id().equals(x.viewModel().sessionId())
                && x.viewModel().messages().size() == 3)));
        ChatWindow other = fxGet(() -> client.windows().stream().filter(x -> x != w).findFirst().orElseThrow());
        Thread.sleep(1_200); // the sidebars have caught up with both windows' sessions
        // Every sidebar redraws all its rows when this map changes.
        java.util.concurrent.atomic.AtomicInteger mapChanges = new java.util.concurrent.atomic.AtomicInteger();
        fxRun(() -> client.coordinator().sessionList().windowBySession()
                .addListener((javafx.collections.MapChangeListener<String, String>) c -> mapChanges.incrementAndGet()));
        // A reply streaming into Notes: the other window reads each new message as it is announced.
        for (int i = 0; i < 5; i++) {
            client.services().desk().store().messages().append(notes.id(), NewMessage.text(Role.ASSISTANT, "more " + i));
            client.services().changes().changed(notes.id());
            int expected = 4 + i;
            waitFor("message " + expected + " in the Notes window", () -> fxGet(() -> other.viewModel().messages().size() == expected));
        }
        Thread.sleep(1_200); // the sidebars' paced refresh has run
        assertThat(fxGet(() -> w.sidebar().listView().getItems().stream()
                .filter(r -> r.session().id().equals(notes.id())).findFirst().orElseThrow().session().messageCount()))
                .isEqualTo(8);
        // Each read re-wrote the other window's binding, but which window shows which session stayed the same.
        assertThat(mapChanges.get()).isZero();
    }
}
