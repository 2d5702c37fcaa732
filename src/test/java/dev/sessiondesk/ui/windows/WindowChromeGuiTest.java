package dev.sessiondesk.ui.windows;

import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import dev.sessiondesk.ui.chat.ChatWindow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window around the conversation (Monocle): menus, the Window menu, the empty state, attention. */
class WindowChromeGuiTest {
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

    private static MenuBar menuBar(ChatWindow w) {
        return (MenuBar) w.stage().getScene().getRoot().lookup(".menu-bar");
    }

    @Test
    void everyTopMenuHasAMnemonicAndTheWindowMenuListsAndFocusesTheOpenWindows() throws Exception {
        client = GuiFixture.start(dataDir, List.of());
        fxRun(() -> client.coordinator().newWindow());
        waitFor("two windows", () -> fxGet(() -> client.windows().size() == 2
                && client.windows().stream().allMatch(x -> x.viewModel().sessionId() != null)));
        ChatWindow first = fxGet(() -> client.windows().get(0));
        ChatWindow second = fxGet(() -> client.windows().get(1));
        List<String> menus = fxGet(() -> menuBar(first).getMenus().stream().map(Menu::getText).toList());
        assertThat(menus).isNotEmpty().allSatisfy(text -> assertThat(text).startsWith("_"));
        assertThat(menus).contains("_File", "_View", "_Window");
        assertThat(fxGet(() -> menuBar(first).getMenus().stream().allMatch(Menu::isMnemonicParsing))).isTrue();

        Menu window = fxGet(() -> menuBar(first).getMenus().stream().filter(m -> "menu-window".equals(m.getId()))
                .findFirst().orElseThrow());
        fxRun(() -> WindowMenus.fillWindows(window, first, client.windows()));
        List<String> items = fxGet(() -> window.getItems().stream().map(MenuItem::getText).toList());
        assertThat(items).hasSize(2);
        assertThat(items.get(0)).startsWith("1  ");
        assertThat(items.get(1)).startsWith("2  ");
        fxRun(() -> window.getItems().get(1).fire());
        waitFor("the second window to get the focus", () -> fxGet(() -> second.stage().isFocused()));

        List<String> view = fxGet(() -> menuBar(first).getMenus().stream().filter(m -> m.getText().equals("_View"))
                .findFirst().orElseThrow().getItems().stream().map(MenuItem::getId).toList());
        assertThat(view).contains("menu-theme", "text-larger", "text-smaller", "text-actual");
    }

    @Test
    void anEmptyConversationSaysWhoAnswersAndOffersToConnectAnAssistant() throws Exception {
        client = GuiFixture.start(dataDir, List.of());
        ChatWindow w = fxGet(() -> client.windows().get(0));
        Label who = fxGet(() -> (Label) w.stage().getScene().getRoot().lookup("#empty-who-answers"));
        assertThat(who).as("the empty state is on screen").isNotNull();
        assertThat(fxGet(who::getText)).contains("offline demo assistant");
        assertThat(fxGet(() -> w.stage().getScene().getRoot().lookup("#empty-connect"))).isNotNull();
        assertThat(fxGet(() -> w.status().getText())).doesNotContain("backup");
    }

    @Test
    void aReplyThatFinishesInABackgroundWindowMarksItsTitleUntilItIsFocused() throws Exception {
        SimpleBooleanProperty replying = new SimpleBooleanProperty();
        SimpleStringProperty title = new SimpleStringProperty("Plans");
        Stage stage = fxGet(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(new StackPane(), 200, 100));
            ReplyAttention.follow(s, replying, title);
            return s;
        });
        assertThat(fxGet(stage::getTitle)).isEqualTo("Plans — SessionDesk");
        fxRun(() -> replying.set(true));
        fxRun(() -> replying.set(false)); // finished while the stage has no focus
        assertThat(fxGet(stage::getTitle)).isEqualTo("• Plans — SessionDesk");
        fxRun(() -> title.set("Plans for the garden"));
        assertThat(fxGet(stage::getTitle)).isEqualTo("• Plans for the garden — SessionDesk");
        fxRun(() -> {
            stage.show();
            stage.requestFocus();
        });
        waitFor("the focus", () -> fxGet(stage::isFocused));
        assertThat(fxGet(stage::getTitle)).isEqualTo("Plans for the garden — SessionDesk");
        fxRun(() -> replying.set(true));
        fxRun(() -> replying.set(false)); // finished while focused: nothing to mark
        assertThat(fxGet(stage::getTitle)).isEqualTo("Plans for the garden — SessionDesk");
        fxRun(stage::hide);
    }

    @Test
    void pageDownAndCtrlHomeScrollTheConversationWhileTheComposerKeepsTheFocus() throws Exception {
        String id;
        try (SessionDesk desk = SessionDesk.open(dataDir)) {
            Session s = desk.sessions().create("Long", null);
            for (int i = 0; i < 60; i++) {
                desk.store().messages().append(s.id(), NewMessage.text(i % 2 == 0 ? Role.USER : Role.ASSISTANT,
                        "message number " + i + " with enough words to take a line or two of the window"));
            }
            id = s.id();
        }
        client = GuiFixture.start(dataDir, List.of("--open", id));
        ChatWindow w = fxGet(() -> client.windows().stream().filter(x -> id.equals(x.viewModel().sessionId()))
                .findFirst().orElseThrow());
        waitFor("60 messages", () -> fxGet(() -> w.viewModel().messages().size() == 60));
        Thread.sleep(500);
        fxRun(() -> w.composer().requestFocus());
        double atEnd = fxGet(() -> scrollPosition(w));
        fxRun(() -> w.composer().fireEvent(key(KeyCode.HOME, true)));
        fxRun(() -> { });
        double atStart = fxGet(() -> scrollPosition(w));
        assertThat(atStart).as("Ctrl+Home goes to the start").isLessThan(atEnd);
        fxRun(() -> w.composer().fireEvent(key(KeyCode.PAGE_DOWN, false)));
        fxRun(() -> { });
        assertThat(fxGet(() -> scrollPosition(w))).as("Page Down scrolls down").isGreaterThan(atStart);
        assertThat(fxGet(() -> w.composer().isFocused())).isTrue();
    }

    private static KeyEvent key(KeyCode code, boolean shortcut) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, shortcut, false, false);
    }

    private static double scrollPosition(ChatWindow w) {
        Object y = w.transcript().script("window.scrollY");
        return y instanceof Number n ? n.doubleValue() : -1;
    }
}
