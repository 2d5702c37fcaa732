package dev.sessiondesk.ui.search;

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
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl+K in a real window (Monocle): a palette inside the window, with dates; Esc closes it. */
class SearchPaletteGuiTest {
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

    private static void press(Node target, KeyCode code, boolean shortcut) throws Exception {
        fxRun(() -> target.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, shortcut, false, false)));
    }

    private static Object page(ChatWindow w, String js) {
        return fxGet(() -> w.transcript().script(js));
    }

    @Test
    void openingAHitMarksTheMatchedWordsInItsMessageSafelyUntilTheNextKey() throws Exception {
        String travel;
        try (SessionDesk desk = SessionDesk.open(dataDir)) {
            desk.sessions().create("Gardening", null);
            Session s = desk.sessions().create("Travel", null);
            travel = s.id();
            desk.store().messages().append(s.id(), NewMessage.text(Role.USER, "trains across Europe"));
            desk.store().messages().append(s.id(), NewMessage.text(Role.ASSISTANT, "book early"));
            // Untrusted text around the word: it must stay text, and the mark must not turn it into markup.
            desk.store().messages().append(s.id(), NewMessage.text(Role.USER,
                    "is the <b onmouseover=\"window.pwned=1\">aardvark</b> museum open? The Aardvark café is."));
            desk.store().messages().append(s.id(), NewMessage.text(Role.ASSISTANT, "it is closed on Mondays"));
        }
        client = GuiFixture.start(dataDir, List.of());
        ChatWindow w = fxGet(() -> client.windows().get(0));
        waitFor("the page", () -> fxGet(() -> w.transcript().isLoaded()));
        fxRun(() -> client.coordinator().search(w));
        SearchPalette palette = fxGet(() -> client.coordinator().searchPalette());
        fxRun(() -> palette.queryField().setText("aardvark"));
        waitFor("one hit", () -> fxGet(() -> palette.resultList().getItems().size() == 1));
        press(palette.queryField(), KeyCode.ENTER, false);

        waitFor("Travel shown at message 3 with its words marked", () -> fxGet(() -> travel.equals(w.viewModel().sessionId())
                && w.transcript().revealedSeq() == 3) && Integer.valueOf(2).equals(page(w, "T.markCount()")));
        assertThat(page(w, "Array.prototype.map.call(document.querySelectorAll('mark.search-mark'),"
                + " function (m) { return m.closest('.msg').id + ':' + m.textContent; }).join(',')"))
                .as("both spellings, in the hit's message only").isEqualTo("m-3:aardvark,m-3:Aardvark");
        assertThat(page(w, "document.getElementById('m-3').classList.contains('search-hit')")).isEqualTo(true);
        assertThat(page(w, "document.querySelectorAll('#transcript b, #transcript [onmouseover]').length"))
                .as("the content stays text").isEqualTo(0);
        String text = (String) page(w, "document.querySelector('#m-3 .msg-body').textContent");
        assertThat(text).contains("<b onmouseover=\"window.pwned=1\">aardvark</b> museum open? The Aardvark café is.");
        assertThat(page(w, "String(window.pwned)")).isEqualTo("undefined");

        press(w.composer(), KeyCode.A, false); // the user's next action
        waitFor("the marks to fade and go", () -> Integer.valueOf(0).equals(page(w, "document.querySelectorAll('mark').length")));
        assertThat(page(w, "document.getElementById('m-3').classList.contains('search-hit')")).isEqualTo(false);
        assertThat(page(w, "document.querySelector('#m-3 .msg-body').textContent")).as("the text is as it was").isEqualTo(text);
    }

    @Test
    void ctrlKOpensAPaletteInsideTheWindowWithDatesAndEscClosesItGivingTheFocusBack() throws Exception {
        long created;
        try (SessionDesk desk = SessionDesk.open(dataDir)) {
            Session s = desk.sessions().create("Travel", null);
            desk.store().messages().append(s.id(), NewMessage.text(Role.USER, "trains across Europe"));
            desk.store().messages().append(s.id(), NewMessage.text(Role.ASSISTANT, "the aardvark museum is closed"));
            created = desk.store().messages().list(s.id()).get(1).created();
        }
        client = GuiFixture.start(dataDir, List.of());
        ChatWindow w = fxGet(() -> client.windows().get(0));
        int windowsBefore = fxGet(() -> Window.getWindows().size());
        fxRun(() -> w.composer().requestFocus());
        fxRun(() -> client.coordinator().search(w));
        SearchPalette palette = fxGet(() -> client.coordinator().searchPalette());
        assertThat(fxGet(() -> palette.isShowing())).isTrue();
        assertThat(fxGet(() -> palette.node().getScene())).as("inside the chat window's own scene")
                .isSameAs(fxGet(() -> w.stage().getScene()));
        assertThat(fxGet(() -> Window.getWindows().size())).as("no other OS window").isEqualTo(windowsBefore);
        assertThat(fxGet(() -> palette.queryField().isFocused())).isTrue();

        fxRun(() -> palette.queryField().setText("aardvark"));
        waitFor("one hit", () -> fxGet(() -> palette.resultList().getItems().size() == 1));
        assertThat(fxGet(() -> palette.statusLabel().getText())).isEqualTo("1 session");
        String date = SearchPalette.date(created, ZoneId.systemDefault(), Locale.getDefault());
        waitFor("the hit's date on screen", () -> fxGet(() -> palette.resultList().lookupAll(".search-hit-date").stream()
                .anyMatch(n -> ((Label) n).getText().equals("message 2 · " + date))));

        fxRun(() -> palette.queryField().setText("zebra"));
        waitFor("no hits", () -> fxGet(() -> palette.resultList().getItems().isEmpty()
                && palette.statusLabel().getText().equals("No matches")));
        long saidNoMatches = fxGet(() -> palette.node().lookupAll(".label").stream()
                .filter(n -> n.isVisible() && "No matches".equals(((Label) n).getText())).count());
        assertThat(saidNoMatches).as("\"No matches\" is said once").isEqualTo(1);

        press(palette.queryField(), KeyCode.ESCAPE, false);
        assertThat(fxGet(() -> palette.isShowing())).isFalse();
        assertThat(fxGet(() -> w.composer().isFocused())).as("the focus goes back where it was").isTrue();

        fxRun(() -> client.coordinator().search(w));
        assertThat(fxGet(() -> client.coordinator().searchPalette())).as("one palette per window").isSameAs(palette);
    }
}
