package dev.sessiondesk.ui.chat;

import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.typeAndPressEnter;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.assistant.AssistantSettings;
import dev.sessiondesk.app.assistant.OfflineAssistant;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.WindowBinding;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import dev.sessiondesk.ui.SessionDeskApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Hyperlink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message actions in a real window: regenerate moves the window to the branch and the window's
 * saved binding follows it (P4), so a restart reopens the branch; switching back and hide + Undo.
 */
class MessageActionsGuiTest {
    @TempDir
    Path dataDir;
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
        }
    }

    private void start() throws Exception {
        client = GuiFixture.start(dataDir, List.of(), SessionDeskApp.ASSISTANT);
        client.services().desk().assistants().use(AssistantSettings.offline(), new OfflineAssistant(Duration.ZERO));
    }

    /** The window's saved binding, or none yet: the layout is written behind the window, so a wait may see none. */
    private Optional<WindowBinding> binding(ChatWindow w) {
        return client.services().desk().store().windows().get(w.viewModel().windowId());
    }

    private boolean boundTo(ChatWindow w, String sessionId, boolean withItsFingerprint) {
        return binding(w).map(b -> sessionId.equals(b.sessionId()) && (!withItsFingerprint
                || b.fingerprint().equals(client.services().desk().sessions().require(sessionId).fingerprint())))
                .orElse(false);
    }

    private void awaitComplete(ChatWindow w, String sid, int count) throws InterruptedException {
        waitFor("the reply in " + sid, () -> fxGet(() -> sid.equals(w.viewModel().sessionId())
                && w.viewModel().messages().size() == count
                && w.viewModel().messages().get(count - 1).state() == MessageState.COMPLETE
                && !w.viewModel().replyBar().replyingProperty().get()));
    }

    @Test
    void regenerateAndSwitchBranchMoveTheWindowAndItsSavedBindingAndARestartReopensTheBranch() throws Exception {
        start();
        ChatWindow w = client.windows().get(0);
        typeAndPressEnter(w, "Name a river");
        String original = fxGet(() -> w.viewModel().sessionId());
        awaitComplete(w, original, 2);

        fxRun(() -> w.viewModel().messageActions().regenerate(2));
        waitFor("the window to move to the branch", () -> !original.equals(fxGet(() -> w.viewModel().sessionId())));
        String branch = fxGet(() -> w.viewModel().sessionId());
        awaitComplete(w, branch, 2);
        assertThat(fxGet(() -> w.viewModel().messageActions().branchAt(2)))
                .contains(new MessageActions.BranchPosition(2, 2));
        waitFor("the binding to follow", () -> boundTo(w, branch, true));

        fxRun(() -> w.viewModel().messageActions().switchBranch(2, -1));
        waitFor("back on the original", () -> original.equals(fxGet(() -> w.viewModel().sessionId())));
        waitFor("the binding to follow back", () -> boundTo(w, original, true));
        fxRun(() -> w.viewModel().messageActions().switchBranch(2, +1));
        waitFor("on the branch again", () -> branch.equals(fxGet(() -> w.viewModel().sessionId())));
        waitFor("the binding on the branch", () -> boundTo(w, branch, false));

        GuiFixture.fx(() -> client.quit()).get(30, TimeUnit.SECONDS);
        start();
        ChatWindow again = client.windows().get(0);
        assertThat(fxGet(() -> again.viewModel().sessionId())).isEqualTo(branch);
        assertThat(fxGet(() -> again.viewModel().bannerProperty().get())).as("the fingerprint matches").isNull();
        waitFor("the switcher after a restart", () -> fxGet(() -> again.viewModel().messageActions().branchAt(2)
                .map(p -> p.index() == 2 && p.count() == 2).orElse(false)));
    }

    @Test
    void hideThenUndoInTheStatusBarShowsTheMessageAgain() throws Exception {
        start();
        ChatWindow w = client.windows().get(0);
        typeAndPressEnter(w, "Something to hide");
        String sid = fxGet(() -> w.viewModel().sessionId());
        awaitComplete(w, sid, 2);
        assertThat(fxGet(() -> w.visibleMessages().size())).isEqualTo(2);

        fxRun(() -> w.viewModel().messageActions().hide(1));
        waitFor("the message to disappear", () -> fxGet(() -> w.visibleMessages().size() == 1));
        Hyperlink undo = (Hyperlink) fxGet(() -> w.stage().getScene().lookup("#undo-hide"));
        assertThat(fxGet(undo::isVisible)).isTrue();
        assertThat(fxGet(() -> w.status().getText())).isEqualTo("Message hidden (it stays in the store)");
        assertThat(client.services().desk().store().verifier().verifySession(sid).ok()).isTrue();

        fxRun(undo::fire);
        waitFor("the message back", () -> fxGet(() -> w.visibleMessages().size() == 2));
        assertThat(fxGet(undo::isVisible)).isFalse();
    }
}
