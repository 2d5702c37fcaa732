package dev.sessiondesk.ui.windows;

import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.glass.events.WindowEvent;
import com.sun.javafx.stage.WindowHelper;
import com.sun.javafx.tk.quantum.WindowStage;
import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import dev.sessiondesk.ui.chat.CaretBlink;
import dev.sessiondesk.ui.chat.ChatWindow;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An idle chat window does not repaint (Monocle): nothing in it marks nodes dirty pulse after pulse.
 * The bound is at most 2 repainting pulses in 3 s (an idle window makes none; a pulse merely delayed
 * by a slow machine still counts once), while a blinking caret alone makes 2 a second, and without a
 * window manager each of them repaints every window: what made three idle windows cost the renderer
 * a fifth of a core.
 */
class IdleWindowRepaintGuiTest {
    private static final int SECONDS = 3;
    private static final int AT_MOST = 2;
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

    private ChatWindow windowOnAConversation() throws Exception {
        String id;
        try (SessionDesk desk = SessionDesk.open(dataDir)) {
            Session s = desk.sessions().create("Plans", null);
            for (int i = 0; i < 40; i++) {
                desk.store().messages().append(s.id(), NewMessage.text(i % 2 == 0 ? Role.USER : Role.ASSISTANT,
                        "message " + i + " with **bold** words, `code` and a list\n\n- one\n- two"));
            }
            id = s.id();
        }
        client = GuiFixture.start(dataDir, List.of("--open", id));
        ChatWindow w = fxGet(() -> client.windows().stream().filter(x -> id.equals(x.viewModel().sessionId()))
                .findFirst().orElseThrow());
        waitFor("40 messages", () -> fxGet(() -> w.viewModel().messages().size() == 40));
        return w;
    }

    private static RepaintCounter measure(ChatWindow w, int seconds) throws Exception {
        RepaintCounter counter = fxGet(() -> new RepaintCounter(w.stage().getScene()));
        fxRun(counter::start);
        Thread.sleep(seconds * 1000L);
        fxRun(counter::stop);
        return counter;
    }

    @Test
    void theFocusedComposerBlinksWhileInUseAndAnIdleWindowThenStopsRepainting() throws Exception {
        ChatWindow w = windowOnAConversation();
        fxRun(() -> w.composer().requestFocus());
        waitFor("the composer's focus", () -> fxGet(() -> w.composer().isFocused()));
        RepaintCounter fresh = measure(w, 2);
        assertThat(fresh.repaints()).as("the caret blinks right after getting the focus: %s", fresh.dirtyNodes())
                .isGreaterThanOrEqualTo(2);

        Thread.sleep((long) CaretBlink.TIMEOUT.toMillis());
        RepaintCounter idle = measure(w, SECONDS);
        assertThat(idle.pulses()).as("the measurement saw the pulses").isGreaterThan(SECONDS);
        assertThat(idle.repaints()).as("repainting pulses of an idle window in %d s (of %d pulses); dirty: %s",
                SECONDS, idle.pulses(), idle.dirtyNodes()).isLessThanOrEqualTo(AT_MOST);
        assertThat(fxGet(() -> w.composer().isFocused())).isTrue();

        fxRun(() -> w.composer().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.END,
                false, false, false, false)));
        RepaintCounter typing = measure(w, 2);
        assertThat(typing.repaints()).as("a key makes the caret blink again: %s", typing.dirtyNodes())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aWindowThatLostTheFocusDoesNotRepaint() throws Exception {
        ChatWindow w = windowOnAConversation();
        fxRun(() -> w.composer().requestFocus());
        waitFor("the composer's focus", () -> fxGet(() -> w.composer().isFocused()));
        // Monocle has no window manager to give the focus to another application: tell the window what
        // the desktop would, through the same Glass notification.
        fxRun(() -> {
            WindowStage peer = (WindowStage) WindowHelper.getPeer(w.stage());
            com.sun.glass.ui.Window glass = peer.getPlatformWindow();
            try {
                Method focus = com.sun.glass.ui.Window.class.getDeclaredMethod("notifyFocus", int.class);
                focus.setAccessible(true);
                focus.invoke(glass, WindowEvent.FOCUS_LOST);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
        waitFor("the window to lose the focus", () -> fxGet(() -> !w.stage().isFocused() && !w.composer().isFocused()));
        Thread.sleep(500);
        RepaintCounter idle = measure(w, SECONDS);
        assertThat(idle.pulses()).as("the measurement saw the pulses").isGreaterThan(SECONDS);
        assertThat(idle.repaints()).as("repainting pulses of an unfocused window in %d s (of %d pulses); dirty: %s",
                SECONDS, idle.pulses(), idle.dirtyNodes()).isLessThanOrEqualTo(AT_MOST);
    }
}
