package dev.sessiondesk.ui.chat;

import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.typeAndPressEnter;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.assistant.AssistantSettings;
import dev.sessiondesk.app.assistant.FakeChatServer;
import dev.sessiondesk.app.assistant.OfflineAssistant;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import dev.sessiondesk.ui.SessionDeskApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real windows under Monocle, a real store: replies stream into the window that sent the message. */
class AssistantReplyGuiTest {
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

    private ChatWindow startWith(Duration perToken) throws Exception {
        client = GuiFixture.start(dataDir, List.of(), SessionDeskApp.ASSISTANT);
        client.services().desk().assistants().use(AssistantSettings.offline(), new OfflineAssistant(perToken));
        return client.windows().get(0);
    }

    private List<Message> stored(ChatWindow w) {
        return client.services().desk().store().messages().list(w.viewModel().sessionId());
    }

    @Test
    void theOfflineReplyStreamsIntoTheWindowAndEndsCompleteInTheStore() throws Exception {
        ChatWindow w = startWith(Duration.ofMillis(5));
        typeAndPressEnter(w, "What does SessionDesk keep?");
        waitFor("the reply to end complete in the window", () -> fxGet(() -> w.viewModel().messages().size() == 2
                && w.viewModel().messages().get(1).state() == MessageState.COMPLETE
                && !w.viewModel().replyBar().replyingProperty().get()));
        List<Message> saved = stored(w);
        assertThat(saved).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT);
        assertThat(saved.get(1).state()).isEqualTo(MessageState.COMPLETE);
        assertThat(fxGet(() -> w.viewModel().messages().get(1).contentJson())).isEqualTo(saved.get(1).contentJson());
        // The first exchange gives the session an automatic title, shown as the window's title.
        waitFor("the automatic title", () -> fxGet(() -> !w.stage().getTitle().startsWith("New chat")));
        String title = client.services().desk().sessions().require(w.viewModel().sessionId()).displayTitle();
        assertThat(fxGet(() -> w.stage().getTitle())).startsWith(title);
    }

    @Test
    void stopKeepsTheStreamedPartialMarkedStopped() throws Exception {
        ChatWindow w = startWith(Duration.ofMillis(150));
        typeAndPressEnter(w, "Tell me a long story please");
        waitFor("part of the reply to show", () -> fxGet(() -> w.viewModel().messages().size() == 2
                && ContentItems.plainText(w.viewModel().messages().get(1).contentJson()).length() > 0));
        Button stop = (Button) w.stage().getScene().lookup("#stop");
        assertThat(fxGet(stop::isVisible)).isTrue();
        fxRun(stop::fire);
        waitFor("the reply to end", () -> fxGet(() -> !w.viewModel().replyBar().replyingProperty().get()
                && w.viewModel().messages().get(1).state() == MessageState.STOPPED));
        Message partial = stored(w).get(1);
        assertThat(partial.state()).isEqualTo(MessageState.STOPPED);
        assertThat(ContentItems.plainText(partial.contentJson())).isNotBlank();
        assertThat(client.services().desk().store().verifier().verifySession(partial.sessionId()).ok()).isTrue();
    }

    @Test
    void anEndpointThatRejectsTheKeyShowsWhyAndKeepsTheMessage() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean keyFixed = new java.util.concurrent.atomic.AtomicBoolean();
        FakeChatServer.Behaviour rejecting = FakeChatServer.status(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}");
        FakeChatServer.Behaviour answering = FakeChatServer.streaming(List.of("here ", "I am"), Duration.ZERO);
        try (FakeChatServer server = FakeChatServer.start((ex, srv) ->
                (keyFixed.get() ? answering : rejecting).respond(ex, srv))) {
            client = GuiFixture.start(dataDir, List.of(), SessionDeskApp.ASSISTANT);
            client.services().desk().assistants().use(AssistantSettings.endpoint(server.baseUrl(), "m", "wrong-key"));
            ChatWindow w = client.windows().get(0);
            typeAndPressEnter(w, "Is anyone there?");
            Label problem = (Label) w.stage().getScene().lookup("#reply-problem");
            waitFor("the error in the window", () -> fxGet(() -> problem.getText().contains("HTTP 401")
                    && problem.getScene() != null && w.stage().getScene().lookup("#reply-bar").isVisible()));
            assertThat(fxGet(problem::getText)).contains("rejected the API key").doesNotContain("wrong-key");
            assertThat(stored(w)).extracting(Message::role).containsExactly(Role.USER);
            assertThat(fxGet(() -> w.viewModel().messages().size())).isEqualTo(1);
            Button retry = (Button) w.stage().getScene().lookup("#reply-retry");
            assertThat(fxGet(retry::isVisible)).isTrue();

            keyFixed.set(true); // the user fixed the key: Retry answers the message already saved
            fxRun(retry::fire);
            waitFor("the retried reply", () -> fxGet(() -> w.viewModel().messages().size() == 2
                    && w.viewModel().messages().get(1).state() == MessageState.COMPLETE
                    && !w.stage().getScene().lookup("#reply-bar").isVisible()));
            assertThat(stored(w)).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT);
            assertThat(ContentItems.plainText(stored(w).get(1).contentJson())).isEqualTo("here I am");
        }
    }
}
