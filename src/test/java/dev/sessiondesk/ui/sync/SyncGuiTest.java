package dev.sessiondesk.ui.sync;

import static dev.sessiondesk.ui.GuiFixture.assertSentAndShown;
import static dev.sessiondesk.ui.GuiFixture.fx;
import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.typeAndPressEnter;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.instance.LaunchRequest;
import dev.sessiondesk.app.sync.DeviceClock;
import dev.sessiondesk.app.sync.RemoteSync;
import dev.sessiondesk.app.sync.SyncSettings;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.sync.PgTestServer;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import dev.sessiondesk.ui.chat.ChatWindow;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sync in the window: Sync Now's status line, and a message from another device showing up live. */
class SyncGuiTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    private DeskClient start(Path data, String url) throws Exception {
        CompletableFuture<DeskClient> started = new CompletableFuture<>();
        Platform.runLater(() -> {
            DeskClient client = new DeskClient(dev.sessiondesk.app.client.ClientOptions.of(data, LaunchRequest.parse(List.of()))
                    .withSettingsFrom(Map.of(SyncSettings.ENV_URL, url), data.resolve("config"))
                    .withTimings(GuiFixture.fastTimings()), () -> { });
            client.start().whenComplete((o, e) -> {
                if (e != null) {
                    started.completeExceptionally(e);
                } else {
                    started.complete(client);
                }
            });
        });
        DeskClient client = started.get(30, TimeUnit.SECONDS);
        waitFor("a window on a session", () -> fxGet(() -> !client.windows().isEmpty()
                && client.windows().get(0).viewModel().sessionId() != null));
        return client;
    }

    private static void syncNow(ChatWindow w) throws Exception {
        fxRun(() -> w.stage().getScene().lookup("#sync-now").fireEvent(new javafx.event.ActionEvent()));
    }

    @Test
    void syncNowWithTheServerAwaySaysOfflineAndHowManyMessagesWait() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        DeskClient client = start(dir.resolve("a"), "postgresql://nobody@127.0.0.1:" + closed + "/none");
        try {
            ChatWindow w = client.windows().get(0);
            typeAndPressEnter(w, "written while offline");
            assertSentAndShown(w, 1);
            syncNow(w);
            waitFor("the offline status", () -> fxGet(() -> w.status().getText().startsWith("Offline")));
            assertThat(fxGet(() -> w.status().getText())).isEqualTo("Offline — 1 message waiting");
        } finally {
            fx(client::quit).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMessageFromAnotherDeviceShowsUpLiveAndSyncNowSaysSynced() throws Exception {
        try (PgTestServer pg = PgTestServer.create()) {
            DeskClient client = start(dir.resolve("a"), pg.url());
            try (Store b = Store.open(dir.resolve("b"))) {
                RemoteSync bSync = new RemoteSync(b, () -> Optional.of(SyncSettings.load(
                        Map.of(SyncSettings.ENV_URL, pg.url()), dir.resolve("b-config"), dir).orElseThrow()), DeviceClock.system());
                ChatWindow w = client.windows().get(0);
                typeAndPressEnter(w, "hello from the window");
                assertSentAndShown(w, 1);
                String session = fxGet(() -> w.viewModel().sessionId());
                // Live sync pushes it without a Sync Now; device B pulls it.
                waitFor("device b to receive the window's message", () -> {
                    bSync.syncNow();
                    return b.sessions().get(session).map(s -> s.messageCount() == 1).orElse(false);
                });
                b.messages().append(session, NewMessage.text(Role.ASSISTANT, "answer from device b"));
                assertThat(bSync.syncNow().pushed()).isEqualTo(1);
                waitFor("the window to show device b's message", () -> fxGet(() -> w.viewModel().messages().stream()
                        .anyMatch(m -> ContentItems.plainText(m.contentJson()).contains("answer from device b"))));
                syncNow(w);
                waitFor("the synced status", () -> fxGet(() -> w.status().getText().startsWith("Synced")));
                assertThat(fxGet(() -> w.status().getText())).matches("Synced \\d\\d:\\d\\d");
                bSync.close();
            } finally {
                fx(client::quit).get(30, TimeUnit.SECONDS);
            }
        }
    }
}
