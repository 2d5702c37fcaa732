package dev.sessiondesk.ui.chat;

import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.typeAndPressEnter;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.assistant.AssistantSettings;
import dev.sessiondesk.app.assistant.FakeChatServer;
import dev.sessiondesk.app.assistant.OfflineAssistant;
import dev.sessiondesk.app.chat.AttachmentReader;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.SessionSettings;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import dev.sessiondesk.ui.SessionDeskApp;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composer in a real window under Monocle over a real store: queueing, attachments, focus, model and prompt. */
class ComposerGuiTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path files;
    DeskClient client;

    @BeforeAll
    static void toolkit() throws Exception {
        Locale.setDefault(Locale.ENGLISH);
        GuiFixture.startToolkit();
    }

    @AfterEach
    void quit() throws Exception {
        if (client != null) {
            GuiFixture.fx(() -> client.quit()).get(30, TimeUnit.SECONDS);
            client = null;
        }
    }

    private ChatWindow start() throws Exception {
        client = GuiFixture.start(dataDir, List.of(), SessionDeskApp.ASSISTANT);
        return client.windows().get(0);
    }

    private List<Message> stored(ChatWindow w) {
        return client.services().desk().sessions().messages(w.viewModel().sessionId());
    }

    /** Call on the FX thread (inside fxGet / fxRun). */
    private static Node find(ChatWindow w, String id) {
        return w.stage().getScene().lookup("#" + id);
    }

    @Test
    void enterWhileAReplyStreamsQueuesTheMessageAndBothRepliesComplete() throws Exception {
        ChatWindow w = start();
        client.services().desk().assistants().use(AssistantSettings.offline(), new OfflineAssistant(Duration.ofMillis(40)));
        typeAndPressEnter(w, "Tell me about Lisbon");
        waitFor("the first reply to stream", () -> fxGet(() -> w.viewModel().replyBar().replyingProperty().get()
                && w.viewModel().messages().size() == 2));

        typeAndPressEnter(w, "And Porto?");
        assertThat(fxGet(() -> find(w, "queued").isVisible())).isTrue();
        assertThat(fxGet(() -> ((Label) find(w, "queued-text")).getText())).isEqualTo("Queued: sends when the reply ends");
        assertThat(fxGet(() -> w.composer().getText())).as("kept as the draft").isEqualTo("And Porto?");
        assertThat(stored(w)).as("the reply is not interrupted").hasSize(2);
        waitFor("the draft to be saved", () -> client.services().desk().store().drafts().get(w.viewModel().windowId())
                .map(d -> d.text().equals("And Porto?")).orElse(false));

        waitFor("both replies to end", () -> fxGet(() -> w.viewModel().messages().size() == 4
                && !w.viewModel().replyBar().replyingProperty().get()
                && w.viewModel().messages().get(3).state() == MessageState.COMPLETE));
        List<Message> saved = stored(w);
        assertThat(saved).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
        assertThat(saved).extracting(Message::state).containsOnly(MessageState.COMPLETE);
        assertThat(ContentItems.plainText(saved.get(2).contentJson())).isEqualTo("And Porto?");
        assertThat(ContentItems.plainText(saved.get(3).contentJson())).contains("And Porto?");
        assertThat(fxGet(() -> w.composer().getText())).isEmpty();
        assertThat(fxGet(() -> find(w, "queued").isVisible())).isFalse();
        assertThat(client.services().desk().store().verifier().verifySession(w.viewModel().sessionId()).ok()).isTrue();
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedWithAClearMessageAndASmallOneIsSentAsAnImage() throws Exception {
        ChatWindow w = start();
        byte[] png = dev.sessiondesk.app.chat.PngImages.encode(1, 1, new int[] {0xFF336699});
        Path big = Files.write(files.resolve("holiday.png"), png);
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(AttachmentReader.IMAGE_LIMIT + 3L * 1024 * 1024);
        }
        Path small = Files.write(files.resolve("dot.png"), png);

        fxRun(() -> w.viewModel().composer().attachments().addFiles(List.of(big)));
        waitFor("the refusal", () -> fxGet(() -> find(w, "attachment-problem").isVisible()));
        assertThat(fxGet(() -> ((Label) find(w, "attachment-problem")).getText()))
                .isEqualTo("holiday.png is not attached: it is 13.0 MB, and images can be at most 10.0 MB.");
        assertThat(fxGet(() -> w.viewModel().composer().attachments().pending())).isEmpty();

        fxRun(() -> w.viewModel().composer().attachments().addFiles(List.of(small)));
        waitFor("the attachment chip", () -> fxGet(() -> find(w, "attachments").isVisible()));
        assertThat(fxGet(() -> find(w, "attachment-problem").isVisible())).isFalse();
        typeAndPressEnter(w, "What colour is this?");
        waitFor("the message with its image", () -> stored(w).size() >= 1
                && fxGet(() -> w.viewModel().composer().attachments().pending().isEmpty()));
        JsonNode content = CanonicalJson.MAPPER.readTree(stored(w).get(0).contentJson());
        assertThat(content.get(0).path("text").asText()).isEqualTo("What colour is this?");
        assertThat(content.get(1).path("type").asText()).isEqualTo("image");
        assertThat(content.get(1).path("mimeType").asText()).isEqualTo("image/png");
        assertThat(java.util.Base64.getDecoder().decode(content.get(1).path("data").asText())).isEqualTo(png);
    }

    @Test
    void tabAndShiftTabMoveFocusOutOfTheComposerWithoutTypingATab() throws Exception {
        ChatWindow w = start();
        fxRun(() -> {
            w.composer().requestFocus();
            w.composer().setText("draft");
        });
        waitFor("the composer to have focus", () -> fxGet(() -> w.composer().isFocused()));
        fxRun(() -> w.composer().fireEvent(key(KeyCode.TAB, false, false)));
        waitFor("focus on Send", () -> fxGet(() -> w.stage().getScene().getFocusOwner() == find(w, "send")));
        assertThat(fxGet(() -> w.composer().getText())).isEqualTo("draft");

        fxRun(() -> w.composer().requestFocus());
        waitFor("the composer to have focus again", () -> fxGet(() -> w.composer().isFocused()));
        fxRun(() -> w.composer().fireEvent(key(KeyCode.TAB, true, false)));
        waitFor("focus before the composer", () -> fxGet(() -> w.stage().getScene().getFocusOwner()
                == find(w, "system-prompt-toggle")));
        assertThat(fxGet(() -> w.composer().getText())).isEqualTo("draft");

        fxRun(() -> {
            w.composer().requestFocus();
            w.composer().end();
        });
        waitFor("the composer to have focus once more", () -> fxGet(() -> w.composer().isFocused()));
        fxRun(() -> w.composer().fireEvent(key(KeyCode.TAB, false, true)));
        assertThat(fxGet(() -> w.composer().getText())).as("Ctrl+Tab types a tab").isEqualTo("draft\t");
    }

    @Test
    void theModelPickerListsTheEndpointsModelsTheChoiceAndPromptPersistAndReachTheServer() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.streaming(List.of("Bonjour", " !"), Duration.ZERO))) {
            ChatWindow w = start();
            AssistantSettings endpoint = AssistantSettings.endpoint(server.baseUrl(), "fake-small", "");
            client.services().desk().assistants().use(endpoint);
            fxRun(() -> w.viewModel().composer().assistantChoice().load()); // as when Preferences are saved
            @SuppressWarnings("unchecked")
            ComboBox<String> picker = (ComboBox<String>) fxGet(() -> find(w, "model-picker"));
            waitFor("the picker to be usable", () -> fxGet(() -> !picker.isDisabled()));
            assertThat(fxGet(() -> ((Label) find(w, "assistant-who")).getText())).contains(server.baseUrl());
            fxRun(picker::show);
            waitFor("the endpoint's models", () -> fxGet(() -> picker.getItems().containsAll(List.of("fake-small", "fake-large"))));
            fxRun(() -> {
                picker.hide();
                picker.getSelectionModel().select("fake-large");
            });
            String sid = w.viewModel().sessionId();
            waitFor("the choice to be saved", () -> client.services().desk().store().sessionSettings().get(sid).model()
                    .equals("fake-large"));

            fxRun(() -> w.composerBar().systemPromptToggle().setSelected(true));
            TextArea prompt = (TextArea) fxGet(() -> find(w, "system-prompt"));
            fxRun(() -> {
                prompt.requestFocus();
                prompt.setText("Answer in French.");
            });
            fxRun(() -> w.composer().requestFocus()); // leaving the field saves it
            waitFor("the prompt to be saved", () -> client.services().desk().store().sessionSettings().get(sid)
                    .equals(new SessionSettings("fake-large", "Answer in French.")));

            typeAndPressEnter(w, "Hello?");
            waitFor("the reply", () -> fxGet(() -> w.viewModel().messages().size() == 2
                    && w.viewModel().messages().get(1).state() == MessageState.COMPLETE));
            JsonNode request = CanonicalJson.MAPPER.readTree(server.requestBodies.get(0));
            assertThat(request.path("model").asText()).isEqualTo("fake-large");
            assertThat(request.path("messages").get(0).path("role").asText()).isEqualTo("system");
            assertThat(request.path("messages").get(0).path("content").asText()).isEqualTo("Answer in French.");
            assertThat(stored(w)).as("the system prompt is never a message").extracting(Message::role)
                    .containsExactly(Role.USER, Role.ASSISTANT);

            GuiFixture.fx(() -> client.quit()).get(30, TimeUnit.SECONDS);
            client = GuiFixture.start(dataDir, List.of(), SessionDeskApp.ASSISTANT);
            client.services().desk().assistants().use(endpoint);
            ChatWindow again = client.windows().get(0);
            assertThat(fxGet(() -> again.viewModel().sessionId())).isEqualTo(sid);
            fxRun(() -> again.viewModel().composer().assistantChoice().load());
            waitFor("the saved model after a restart", () -> fxGet(() -> "fake-large".equals(
                    ((ComboBox<?>) find(again, "model-picker")).getValue())));
            assertThat(fxGet(() -> ((TextArea) find(again, "system-prompt")).getText())).isEqualTo("Answer in French.");
        }
    }

    @Test
    void theOfflineDemoIsLabelledAndHasNoModelsToPick() throws Exception {
        ChatWindow w = start();
        waitFor("the label", () -> fxGet(() -> ((Label) find(w, "assistant-who")).getText().startsWith("Offline demo")));
        assertThat(fxGet(() -> find(w, "model-picker").isDisabled())).isTrue();
    }

    private static KeyEvent key(KeyCode code, boolean shift, boolean control) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, control, false, false);
    }
}
