package dev.sessiondesk.ui.chat;

import static dev.sessiondesk.ui.GuiFixture.fx;
import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.chat.Attachment;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 item 8: a paste too large for the composer's text field becomes an attachment, or a clear refusal. */
class LargePasteGuiTest {
    @TempDir
    Path dataDir;
    private DeskClient client;

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    @AfterEach
    void quit() throws Exception {
        if (client != null) {
            fx(client::quit).get(30, TimeUnit.SECONDS);
        }
    }

    /** Puts {@code text} on the clipboard and presses Ctrl+V in the composer, as a user would. */
    private static void paste(ChatWindow w, String text) throws Exception {
        fxRun(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
            w.composer().requestFocus();
            w.composer().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.V, false, true, false, false));
        });
    }

    @Test
    void aTwoMegabytePasteBecomesAnAttachmentAndIsSentAsTheMessagesText() throws Exception {
        client = GuiFixture.start(dataDir, List.of());
        ChatWindow w = client.windows().get(0);
        String big = LargeDraftRestartGuiTest.bigText(2 * 1024 * 1024);
        fxRun(() -> w.composer().setText("Summarise this log:"));
        fxRun(() -> w.composer().end());
        paste(w, big);

        assertThat(fxGet(() -> w.composer().getText())).isEqualTo("Summarise this log:");
        List<Attachment> pending = fxGet(() -> List.copyOf(w.viewModel().composer().attachments().pending()));
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).name()).isEqualTo("Pasted text (2.0 MB)");
        assertThat(pending.get(0).data()).isEqualTo(big);
        assertThat(fxGet(() -> w.stage().getScene().lookup("#attachments").isVisible())).isTrue();

        // Until it is sent, the paste is part of the window's draft: a crash would not cost it.
        String windowId = w.viewModel().windowId();
        waitFor("the draft with the paste", () -> {
            try (Store store = Store.open(dataDir)) {
                return store.drafts().get(windowId).map(d -> d.text().equals("Summarise this log:\n\n" + big)).orElse(false);
            } catch (Exception e) {
                return false;
            }
        });

        fxRun(() -> w.composer().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false)));
        waitFor("the message", () -> fxGet(() -> w.viewModel().messages().size() == 1
                && w.viewModel().composer().attachments().pending().isEmpty()));
        Message sent = fxGet(() -> w.viewModel().messages().get(0));
        JsonNode content = CanonicalJson.MAPPER.readTree(sent.contentJson());
        assertThat(content).hasSize(2);
        assertThat(content.get(0).path("text").asText()).isEqualTo("Summarise this log:");
        assertThat(content.get(1).path("type").asText()).isEqualTo("text");
        assertThat(content.get(1).path("text").asText()).isEqualTo(big); // what the model sees: the text as pasted
        assertThat(fxGet(() -> w.composer().getText())).isEmpty();
    }

    @Test
    void aPasteOverTheMessageLimitIsRefusedWithSizeAndLimitAndTheComposerIsUnchanged() throws Exception {
        client = GuiFixture.start(dataDir, List.of());
        ChatWindow w = client.windows().get(0);
        fxRun(() -> w.composer().setText("keep me"));
        fxRun(() -> w.composer().end());
        paste(w, LargeDraftRestartGuiTest.bigText(5 * 1024 * 1024));

        assertThat(fxGet(() -> w.composer().getText())).isEqualTo("keep me");
        assertThat(fxGet(() -> w.viewModel().composer().attachments().pending())).isEmpty();
        assertThat(fxGet(() -> ((Label) w.stage().getScene().lookup("#attachment-problem")).getText())).isEqualTo(
                "The pasted text is not added: it is 5.0 MB, and one message can hold at most 4.0 MB of text."
                        + " Paste it in parts, one message each.");
        assertThat(fxGet(() -> w.stage().getScene().lookup("#attachment-problem").isVisible())).isTrue();

        // A paste that fits the field stays text, as before.
        paste(w, " and this");
        assertThat(fxGet(() -> w.composer().getText())).isEqualTo("keep me and this");
        assertThat(fxGet(() -> w.viewModel().composer().attachments().pending())).isEmpty();
    }
}
