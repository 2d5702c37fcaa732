package dev.sessiondesk.ui.chat;

import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.typeAndPressEnter;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.assistant.AssistantSettings;
import dev.sessiondesk.app.assistant.OfflineAssistant;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import dev.sessiondesk.ui.SessionDeskApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Button;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interrupted replies after a crash, two windows streaming at once, hidden messages, Preferences. */
class ReplyRecoveryGuiTest {
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

    private List<Message> stored(String sessionId) {
        return client.services().desk().store().messages().list(sessionId);
    }

    @Test
    void aReplyACrashLeftStreamingShowsInterruptedAndContinueAddsANewReply() throws Exception {
        String sid;
        try (SessionDesk desk = SessionDesk.open(dataDir)) {
            sid = desk.sessions().create("Crashed", null).id();
            desk.store().messages().append(sid, NewMessage.text(Role.USER, "explain the chain"));
            var stream = desk.store().messages().beginStreaming(sid, NewMessage.text(Role.ASSISTANT, "The chain is"));
            assertThat(stream).isNotNull(); // and never finished: what a crash mid-reply leaves
        }
        client = GuiFixture.start(dataDir, List.of("--open", sid), SessionDeskApp.ASSISTANT);
        client.services().desk().assistants().use(AssistantSettings.offline(), new OfflineAssistant(Duration.ofMillis(2)));
        ChatWindow w = fxGet(() -> client.windows().stream().filter(x -> sid.equals(x.viewModel().sessionId()))
                .findFirst().orElseThrow());
        waitFor("the interrupted bar", () -> fxGet(() -> w.stage().getScene().lookup("#reply-bar").isVisible()));
        assertThat(stored(sid).get(1).state()).isEqualTo(MessageState.INTERRUPTED);
        Button carryOn = (Button) w.stage().getScene().lookup("#reply-continue");
        assertThat(fxGet(carryOn::isVisible)).isTrue();
        fxRun(carryOn::fire);
        waitFor("a continuation", () -> fxGet(() -> w.viewModel().messages().size() == 3
                && w.viewModel().messages().get(2).state() == MessageState.COMPLETE
                && !w.stage().getScene().lookup("#reply-bar").isVisible()));
        assertThat(stored(sid)).extracting(Message::state)
                .containsExactly(MessageState.COMPLETE, MessageState.INTERRUPTED, MessageState.COMPLETE);
        assertThat(ContentItems.plainText(stored(sid).get(1).contentJson())).isEqualTo("The chain is");
    }

    @Test
    void twoWindowsStreamAtTheSameTimeEachIntoItsOwnSession() throws Exception {
        client = GuiFixture.start(dataDir, List.of(), SessionDeskApp.ASSISTANT);
        client.services().desk().assistants().use(AssistantSettings.offline(), new OfflineAssistant(Duration.ofMillis(40)));
        fxRun(() -> client.coordinator().newWindow());
        waitFor("two windows", () -> fxGet(() -> client.windows().size() == 2
                && client.windows().stream().allMatch(x -> x.viewModel().sessionId() != null)));
        ChatWindow a = client.windows().get(0);
        ChatWindow b = client.windows().get(1);
        typeAndPressEnter(a, "alpha question");
        typeAndPressEnter(b, "beta question");
        waitFor("both replying at once", () -> fxGet(() -> a.viewModel().replyBar().replyingProperty().get()
                && b.viewModel().replyBar().replyingProperty().get()));
        waitFor("both complete", () -> fxGet(() -> List.of(a, b).stream().allMatch(x -> x.viewModel().messages().size() == 2
                && x.viewModel().messages().get(1).state() == MessageState.COMPLETE)));
        for (ChatWindow x : List.of(a, b)) {
            List<Message> saved = stored(x.viewModel().sessionId());
            String question = ContentItems.plainText(saved.get(0).contentJson());
            assertThat(ContentItems.plainText(saved.get(1).contentJson())).contains(question);
        }
        assertThat(a.viewModel().sessionId()).isNotEqualTo(b.viewModel().sessionId());
    }

    @Test
    void hiddenMessagesShowOnlyWithTheViewToggle() throws Exception {
        String sid;
        try (SessionDesk desk = SessionDesk.open(dataDir)) {
            sid = desk.sessions().create("Hidden", null).id();
            desk.store().messages().append(sid, NewMessage.text(Role.USER, "seen"));
            NewMessage agentOnly = NewMessage.text(Role.USER, "for the agent only");
            desk.store().messages().append(sid, new NewMessage(agentOnly.messageId(), agentOnly.role(), agentOnly.created(),
                    agentOnly.contentJson(), false, true));
        }
        client = GuiFixture.start(dataDir, List.of("--open", sid));
        ChatWindow w = fxGet(() -> client.windows().stream().filter(x -> sid.equals(x.viewModel().sessionId()))
                .findFirst().orElseThrow());
        waitFor("both messages loaded", () -> fxGet(() -> w.viewModel().messages().size() == 2));
        assertThat(fxGet(() -> w.messageList().getItems().size())).isEqualTo(1);
        fxRun(() -> w.viewModel().showHiddenProperty().set(true));
        assertThat(fxGet(() -> w.messageList().getItems().size())).isEqualTo(2);
    }

    @Test
    void preferencesSaveAPrivateFileAndSwitchTheAssistant() throws Exception {
        client = GuiFixture.start(dataDir, List.of(), SessionDeskApp.ASSISTANT);
        ChatWindow w = client.windows().get(0);
        fxRun(() -> client.coordinator().preferences(w));
        var dialog = fxGet(() -> javafx.stage.Window.getWindows().stream()
                .filter(x -> x instanceof javafx.stage.Stage s && "Preferences".equals(s.getTitle()))
                .map(x -> (javafx.stage.Stage) x).findFirst().orElseThrow());
        fxRun(() -> {
            ((javafx.scene.control.TextField) dialog.getScene().lookup("#pref-endpoint")).setText("http://127.0.0.1:9/v1");
            ((javafx.scene.control.TextField) dialog.getScene().lookup("#pref-model")).setText("tiny");
            ((javafx.scene.control.TextField) dialog.getScene().lookup("#pref-api-key")).setText("sk-test-key");
            ((Button) dialog.getScene().lookup("#pref-save")).fire();
        });
        waitFor("the dialog to close", () -> fxGet(() -> !dialog.isShowing()));
        AssistantSettings now = client.services().desk().assistants().settings();
        assertThat(now.endpoint()).isEqualTo("http://127.0.0.1:9/v1");
        assertThat(now.apiKey()).isEqualTo("sk-test-key");
        Path file = client.configDir().resolve(AssistantSettings.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        // The key is in that file only: not in the store (database and its write-ahead log).
        try (var files = Files.list(dataDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(f.toString()).doesNotContain("sk-test-key");
            }
        }
    }
}
