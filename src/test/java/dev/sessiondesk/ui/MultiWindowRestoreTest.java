package dev.sessiondesk.ui;

import static dev.sessiondesk.ui.GuiFixture.assertSentAndShown;
import static dev.sessiondesk.ui.GuiFixture.fx;
import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.typeAndPressEnter;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.windows.BehindTheAppsBack;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.ui.chat.ChatWindow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real windows under Monocle: three windows, their sessions, places and drafts survive an abrupt end. */
class MultiWindowRestoreTest {
    @TempDir
    Path dataDir;

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    record Snapshot(String session, Rectangle2D bounds, String draft, List<String> texts) {
    }

    private static Map<String, Snapshot> snapshot(DeskClient client) {
        return fxGet(() -> {
            Map<String, Snapshot> out = new HashMap<>();
            for (ChatWindow w : client.windows()) {
                out.put(w.viewModel().windowId(), new Snapshot(w.viewModel().sessionId(),
                        new Rectangle2D(w.stage().getX(), w.stage().getY(), w.stage().getWidth(), w.stage().getHeight()),
                        w.composer().getText(),
                        w.viewModel().messages().stream().map(Message::contentJson).toList()));
            }
            return out;
        });
    }

    @Test
    void threeWindowsWithTheirSessionsPlacesAndDraftsComeBackAfterAnAbruptEnd() throws Exception {
        DeskClient first = GuiFixture.start(dataDir, List.of());
        assertThat(first.windows()).hasSize(1);
        fxRun(() -> first.coordinator().newWindow());
        fxRun(() -> first.coordinator().newWindow());
        waitFor("three windows with sessions", () -> fxGet(() -> first.windows().size() == 3
                && first.windows().stream().allMatch(w -> w.viewModel().sessionId() != null)));
        List<ChatWindow> windows = first.windows();

        for (int i = 0; i < windows.size(); i++) {
            typeAndPressEnter(windows.get(i), "hello from window " + i);
            assertSentAndShown(windows.get(i), 1);
        }
        assertThat(new HashSet<>(windows.stream().map(w -> w.viewModel().sessionId()).toList())).hasSize(3);

        // New Chat in two windows: each gets a session of its own, distinct from every other.
        String before0 = windows.get(0).viewModel().sessionId();
        fxRun(() -> windows.get(0).viewModel().newChat());
        fxRun(() -> windows.get(1).viewModel().newChat());
        waitFor("two new chats", () -> fxGet(() -> !windows.get(0).viewModel().sessionId().equals(before0)
                && windows.get(1).viewModel().messages().isEmpty()));
        List<String> sessions = fxGet(() -> windows.stream().map(w -> w.viewModel().sessionId()).toList());
        assertThat(new HashSet<>(sessions)).hasSize(3);
        typeAndPressEnter(windows.get(1), "second session of window 1");
        assertSentAndShown(windows.get(1), 1);

        // Distinct places, unsent text in two windows.
        Rectangle2D screen = fxGet(() -> Screen.getPrimary().getVisualBounds());
        for (int i = 0; i < windows.size(); i++) {
            ChatWindow w = windows.get(i);
            double x = screen.getMinX() + 10 + 40 * i;
            double y = screen.getMinY() + 20 + 30 * i;
            double width = 500 + 20 * i;
            fxRun(() -> {
                w.stage().setX(x);
                w.stage().setY(y);
                w.stage().setWidth(width);
                w.stage().setHeight(400);
            });
        }
        fxRun(() -> windows.get(0).composer().setText("unsent in window 0"));
        fxRun(() -> windows.get(2).composer().setText("unsent in window 2\nsecond line"));
        Map<String, Snapshot> expected = snapshot(first);
        Thread.sleep(600); // longer than the debounce delays: drafts and layout are on disk now

        fxRun(first::abandon); // no flush, no clean shutdown, windows not marked closed

        DeskClient second = GuiFixture.start(dataDir, List.of());
        try {
            waitFor("three restored windows", () -> fxGet(() -> second.windows().size() == 3));
            Map<String, Snapshot> restored = snapshot(second);
            assertThat(restored.keySet()).isEqualTo(expected.keySet());
            for (String id : expected.keySet()) {
                Snapshot e = expected.get(id);
                Snapshot r = restored.get(id);
                assertThat(r.session()).as("session of window %s", id).isEqualTo(e.session());
                assertThat(r.draft()).as("draft of window %s", id).isEqualTo(e.draft());
                assertThat(r.texts()).as("messages of window %s", id).isEqualTo(e.texts());
                assertThat(r.bounds()).as("bounds of window %s", id).isEqualTo(e.bounds());
            }
            assertThat(fxGet(() -> second.windows().stream().allMatch(w -> w.banner().isVisible()))).isFalse();
        } finally {
            fx(second::quit).get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        // A clean quit keeps every window for the next start (they are not "closed by the user").
        try (Store store = Store.open(dataDir)) {
            assertThat(store.windows().openWindows()).hasSize(3);
            assertThat(store.instance().current()).as("a clean exit leaves no heartbeat").isEmpty();
        }
    }

    @Test
    void aWindowClosedByTheUserStaysClosedAfterARestart() throws Exception {
        DeskClient first = GuiFixture.start(dataDir, List.of());
        fxRun(() -> first.coordinator().newWindow());
        waitFor("two windows", () -> fxGet(() -> first.windows().size() == 2
                && first.windows().stream().allMatch(w -> w.viewModel().sessionId() != null)));
        ChatWindow closing = first.windows().get(1);
        String keptId = first.windows().get(0).viewModel().windowId();
        fxRun(() -> first.coordinator().closeWindow(closing));
        waitFor("the close to be written", () -> BehindTheAppsBack.openWindows(dataDir) == 1);
        fxRun(first::abandon);
        DeskClient second = GuiFixture.start(dataDir, List.of());
        try {
            assertThat(fx(() -> second.windows().stream().map(w -> w.viewModel().windowId()).toList()))
                    .containsExactly(keptId);
        } finally {
            fx(second::quit).get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void aSessionRewrittenBehindTheAppsBackShowsTheBannerNotTheContent() throws Exception {
        DeskClient first = GuiFixture.start(dataDir, List.of());
        ChatWindow w = first.windows().get(0);
        typeAndPressEnter(w, "what the window showed");
        assertSentAndShown(w, 1);
        String session = fxGet(() -> w.viewModel().sessionId());
        fx(first::quit).get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(BehindTheAppsBack.rewriteMessages(dataDir, session,
                "[{\"text\":\"someone else's conversation\",\"type\":\"text\"}]")).isEqualTo(1);

        DeskClient second = GuiFixture.start(dataDir, List.of());
        try {
            ChatWindow restored = second.windows().get(0);
            assertThat(fxGet(() -> restored.banner().isVisible())).isTrue();
            assertThat(fxGet(() -> restored.viewModel().bannerProperty().get().detail())).contains("Message 1 of 1").doesNotContain(session);
            assertThat(fxGet(() -> restored.visibleMessages())).isEmpty();
            assertThat(fxGet(() -> restored.composer().isDisabled())).isTrue();

            assertThat(fxGet(() -> restored.stage().getScene().lookup("#empty-state-layer").isVisible()))
                    .as("no \"Start a conversation\" over a session held back by the banner").isFalse();
            // The user keeps what is stored now: it is shown, and the new fingerprint remembered.
            fxRun(() -> restored.stage().getScene().lookup("#banner-keep")
                    .fireEvent(new javafx.event.ActionEvent()));
            waitFor("the stored session to show", () -> fxGet(() -> !restored.banner().isVisible()
                    && restored.viewModel().messages().size() == 1));
            assertThat(fxGet(() -> restored.viewModel().messages().get(0).contentJson())).contains("someone else's");
        } finally {
            fx(second::quit).get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondLaunchHandsOverAndTheRunningAppOpensTheSession() throws Exception {
        DeskClient running = GuiFixture.start(dataDir, List.of());
        try {
            String other;
            try (Store store = Store.open(dataDir)) {
                other = store.sessions().create(dev.sessiondesk.store.NewSession.titled("Handed over", null)).id();
            }
            Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dsessiondesk.logDir=" + dataDir.resolve("child-logs"),
                    "-cp", System.getProperty("java.class.path"), "dev.sessiondesk.Launcher",
                    "--data-dir", dataDir.toString(), "--open", other)
                    .redirectErrorStream(true).start();
            assertThat(second.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isZero();
            waitFor("a window on the handed-over session", () -> fxGet(() -> running.windows().stream()
                    .anyMatch(w -> other.equals(w.viewModel().sessionId()))));
            assertThat(fxGet(() -> running.windows().size())).isEqualTo(2);

            // Asking again for a session that a window already shows focuses that window: no twin.
            fxRun(() -> running.coordinator().handOver(List.of("--open", other)));
            fxRun(() -> running.coordinator().openInNewWindow(other));
            Thread.sleep(300);
            assertThat(fxGet(() -> running.windows().size())).isEqualTo(2);
        } finally {
            fx(running::quit).get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void syncNowSavesDraftsCheckpointsAndReportsInTheStatusBar() throws Exception {
        DeskClient client = GuiFixture.start(dataDir, List.of());
        try {
            ChatWindow w = client.windows().get(0);
            typeAndPressEnter(w, "before the sync");
            assertSentAndShown(w, 1);
            fxRun(() -> w.composer().setText("a draft the sync must save"));
            fxRun(() -> w.stage().getScene().lookup("#sync-now").fireEvent(new javafx.event.ActionEvent()));
            waitFor("the sync report", () -> fxGet(() -> w.status().getText().startsWith("Synced ")));
            assertThat(fxGet(() -> w.status().getText())).matches("Synced \\d\\d:\\d\\d:\\d\\d in [\\d,]+ ms");
            assertThat(fxGet(w::noticeText)).startsWith("Sync Now: everything is saved")
                    .contains("unsaved draft").contains("1 open session verified (1 message)").contains("took");
            String session = fxGet(() -> w.viewModel().sessionId());
            String windowId = w.viewModel().windowId();
            try (Store store = Store.open(dataDir)) {
                assertThat(store.drafts().get(windowId)).get().extracting(d -> d.text())
                        .isEqualTo("a draft the sync must save");
                assertThat(store.windows().get(windowId)).get().extracting(b -> b.fingerprint())
                        .isEqualTo(store.sessions().require(session).fingerprint());
                // The focused window's session is the store's one active session.
                waitFor("the active session", () -> store.sessions().active().map(s -> s.id().equals(session)).orElse(false));
                assertThat(store.instance().current()).as("the live app's heartbeat").isPresent();
            }
        } finally {
            fx(client::quit).get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
