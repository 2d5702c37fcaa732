package dev.sessiondesk.ui.chat;

import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.search.SearchHit;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import dev.sessiondesk.ui.search.SearchDialog;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real windows under Monocle over a real store: Ctrl+K search opens the hit; a fork holds the prefix. */
class SearchAndForkGuiTest {
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
            GuiFixture.fx(() -> client.quit()).get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static Session seed(SessionDesk desk, String title, String... texts) {
        Session s = desk.sessions().create(title, null);
        for (int i = 0; i < texts.length; i++) {
            desk.store().messages().append(s.id(), NewMessage.text(i % 2 == 0 ? Role.USER : Role.ASSISTANT, texts[i]));
        }
        return s;
    }

    @Test
    void searchFindsAWordAndOpeningTheHitShowsThatSessionAtTheMessage() throws Exception {
        try (SessionDesk desk = SessionDesk.open(dataDir)) {
            seed(desk, "Gardening", "how do I grow tomatoes", "sun and water");
            seed(desk, "Travel", "trains across Europe", "book early", "what about the aardvark museum", "it is closed");
        }
        client = GuiFixture.start(dataDir, List.of());
        ChatWindow w = client.windows().get(0);
        fxRun(() -> client.coordinator().search(w));
        SearchDialog dialog = fxGet(() -> client.coordinator().searchDialog());
        fxRun(() -> dialog.queryField().setText("aardvark"));
        waitFor("one hit", () -> fxGet(() -> dialog.resultList().getItems().size() == 1));
        SearchHit hit = fxGet(() -> dialog.resultList().getItems().get(0));
        assertThat(hit.sessionTitle()).isEqualTo("Travel");
        assertThat(hit.segments()).anySatisfy(s -> {
            assertThat(s.highlighted()).isTrue();
            assertThat(s.text()).isEqualToIgnoringCase("aardvark");
        });
        fxRun(() -> dialog.queryField().fireEvent(
                new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false)));
        waitFor("the window to show Travel at message 3", () -> fxGet(() -> hit.sessionId().equals(w.viewModel().sessionId())
                && w.messageList().getSelectionModel().getSelectedItem() != null
                && w.messageList().getSelectionModel().getSelectedItem().seq() == hit.seq()));
        assertThat(hit.seq()).isEqualTo(3);
        assertThat(fxGet(() -> dialog.stage().isShowing())).isFalse();
    }

    @Test
    void duplicatingFromAMessageOpensANewWindowWithThePrefix() throws Exception {
        String original;
        try (SessionDesk desk = SessionDesk.open(dataDir)) {
            original = seed(desk, "Plans", "first", "second", "third", "fourth").id();
        }
        client = GuiFixture.start(dataDir, List.of("--open", original));
        waitFor("the session to show", () -> fxGet(() -> client.windows().stream()
                .anyMatch(x -> original.equals(x.viewModel().sessionId()) && x.viewModel().messages().size() == 4)));
        ChatWindow w = fxGet(() -> client.windows().stream().filter(x -> original.equals(x.viewModel().sessionId()))
                .findFirst().orElseThrow());
        int before = fxGet(() -> client.windows().size());
        fxRun(() -> w.viewModel().sessionActions().forkFrom(2, client.coordinator()::openInNewWindow));
        waitFor("a new window on the copy", () -> fxGet(() -> client.windows().size() == before + 1
                && client.windows().stream().anyMatch(x -> x.viewModel().sessionId() != null
                && !x.viewModel().sessionId().equals(original) && x.viewModel().messages().size() == 2)));
        ChatWindow copy = fxGet(() -> client.windows().stream().filter(x -> x.viewModel().messages().size() == 2
                && !original.equals(x.viewModel().sessionId())).findFirst().orElseThrow());
        var log = client.services().desk().store().messages();
        List<Message> prefix = log.list(original).subList(0, 2);
        List<Message> forked = log.list(copy.viewModel().sessionId());
        assertThat(forked).extracting(Message::contentJson).containsExactlyElementsOf(
                prefix.stream().map(Message::contentJson).toList());
        assertThat(log.list(original)).hasSize(4);
    }
}
