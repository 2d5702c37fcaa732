package dev.sessiondesk.ui.maintenance;

import static dev.sessiondesk.ui.GuiFixture.fx;
import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.client.ClientServices;
import dev.sessiondesk.app.importer.goose.GooseSessionsFinder;
import dev.sessiondesk.app.instance.LaunchRequest;
import dev.sessiondesk.app.instance.SaveAndQuitChannel;
import dev.sessiondesk.app.upgrade.PreUpgrade;
import dev.sessiondesk.app.upgrade.RunningAppChannel;
import dev.sessiondesk.store.Store;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pre-upgrade} asks a running app to save and quit over the real single-instance socket: the
 * app writes a draft it had not saved yet (its autosave is an hour away), clears its heartbeat,
 * releases the folder, and pre-upgrade then runs against a store nobody writes to.
 */
class SaveAndQuitChannelTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    @Test
    void theRunningAppSavesItsDraftAndQuitsWhenPreUpgradeAsks() throws Exception {
        Path data = tmp.resolve("data");
        assertThat(new SaveAndQuitChannel(data).askToSaveAndQuit(Duration.ofSeconds(1)))
                .isEqualTo(RunningAppChannel.Outcome.NO_APP_RUNNING);

        CompletableFuture<Boolean> exited = new CompletableFuture<>();
        ClientServices.Timings slow = new ClientServices.Timings(Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofMillis(200));
        CompletableFuture<DeskClient> started = new CompletableFuture<>();
        fxRun(() -> {
            DeskClient c = new DeskClient(dev.sessiondesk.app.client.ClientOptions.of(data, LaunchRequest.parse(List.of()))
                    .withTimings(slow).withGooseFinder(new GooseSessionsFinder(Map.of(), tmp.resolve("home"))),
                    () -> exited.complete(true));
            c.start().whenComplete((o, e) -> started.complete(c));
        });
        DeskClient client = started.get(30, TimeUnit.SECONDS);
        waitFor("a window", () -> fxGet(() -> !client.windows().isEmpty()));
        client.awaitStartMaintenance();
        String windowId = fxGet(() -> client.windows().get(0).viewModel().windowId());
        fxRun(() -> client.windows().get(0).composer().setText("half-written before the upgrade"));
        waitFor("the heartbeat", () -> client.desk().store().instance().current().isPresent());

        RunningAppChannel.Outcome outcome = new SaveAndQuitChannel(data).askToSaveAndQuit(Duration.ofSeconds(20));

        assertThat(outcome).isEqualTo(RunningAppChannel.Outcome.QUIT_CLEANLY);
        assertThat(exited.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fxGet(() -> client.windows().stream().anyMatch(w -> w.stage().isShowing()))).isFalse();
        try (Store store = Store.open(data)) {
            assertThat(store.drafts().get(windowId)).hasValueSatisfying(
                    d -> assertThat(d.text()).isEqualTo("half-written before the upgrade"));
            assertThat(store.instance().current()).isEmpty();
            assertThat(store.windows().get(windowId)).hasValueSatisfying(w -> assertThat(w.open()).isTrue());
        }

        PreUpgrade.Result r = new PreUpgrade(data, new SaveAndQuitChannel(data), Clock.systemUTC())
                .run(dev.sessiondesk.app.backup.Progress.NONE);
        assertThat(Files.isRegularFile(r.manifest())).isTrue();
        assertThat(r.windows()).isEqualTo(1);
    }
}
