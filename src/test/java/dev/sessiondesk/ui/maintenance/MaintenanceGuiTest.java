package dev.sessiondesk.ui.maintenance;

import static dev.sessiondesk.ui.GuiFixture.fx;
import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.client.ClientServices;
import dev.sessiondesk.app.importer.ImportReport;
import dev.sessiondesk.app.importer.goose.GooseSessionsFinder;
import dev.sessiondesk.app.instance.LaunchRequest;
import dev.sessiondesk.app.upgrade.UpgradeManifest;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.StoreFixture;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The maintenance wiring and dialogs in a real client under Monocle, over real stores in temp folders. */
class MaintenanceGuiTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    /** A client whose first-run Goose offer looks under {@code home}; completes once start-up has shown something. */
    static DeskClient startClient(Path data, Path home) throws Exception {
        CompletableFuture<DeskClient> started = new CompletableFuture<>();
        fxRun(() -> {
            DeskClient c = new DeskClient(dev.sessiondesk.app.client.ClientOptions.of(data, LaunchRequest.parse(List.of()))
                    .withTimings(GuiFixture.fastTimings()).withGooseFinder(new GooseSessionsFinder(Map.of(), home)), () -> { });
            c.start().whenComplete((o, e) -> {
                if (e != null) {
                    started.completeExceptionally(e);
                } else {
                    started.complete(c);
                }
            });
        });
        return started.get(30, TimeUnit.SECONDS);
    }

    @Test
    void startUpBacksUpOnceADayAndOffersTheGooseImportOnce() throws Exception {
        Path data = tmp.resolve("data");
        Path home = tmp.resolve("home");
        Path goose = Files.createDirectories(home.resolve(".local/share/goose/sessions"));
        Files.writeString(goose.resolve("20240101_120000.jsonl"), "{\"working_dir\":\"/tmp\",\"description\":\"x\"}\n");

        DeskClient first = startClient(data, home);
        waitFor("the Goose offer", () -> fxGet(() -> first.maintenanceController().gooseOffer() != null
                && first.maintenanceController().gooseOffer().isShowing()));
        first.awaitStartMaintenance();
        assertThat(first.desk().backups().catalog().list()).hasSize(1);
        assertThat(first.desk().agentWatcher().isRunning()).isTrue();
        fxRun(() -> first.maintenanceController().gooseOffer().close()); // "Not now"
        waitFor("the answer to be remembered", () -> Files.exists(data.resolve("goose-import-offer.json")));
        fx(first::quit).get(30, TimeUnit.SECONDS);
        assertThat(first.desk().agentWatcher().isRunning()).isFalse();

        DeskClient second = startClient(data, home);
        second.awaitStartMaintenance();
        assertThat(fxGet(() -> second.maintenanceController().gooseOffer())).isNull();
        assertThat(second.desk().backups().catalog().list()).hasSize(1); // not due again within a day
        assertThat(second.services().sync().steps()).extracting(s -> s.name()).contains("agent projects");
        fx(second::quit).get(30, TimeUnit.SECONDS);
    }

    @Test
    void anUpgradeThatLostASessionShowsTheRecoveryDialogInsteadOfWindows() throws Exception {
        Path data = tmp.resolve("data");
        String lost = "0190aaaa-0000-7000-8000-00000000abcd";
        try (SessionDesk desk = SessionDesk.open(data)) {
            Session s = desk.sessions().create("kept", null);
            desk.sessions().append(s.id(), StoreFixture.text(Role.USER, "hello"));
            Path folder = Files.createDirectories(data.resolve("upgrade-20260101T000000Z"));
            new UpgradeManifest(Instant.now(), "0.9", 1, "b.db",
                    Map.of(s.id(), desk.store().sessions().get(s.id()).orElseThrow().fingerprint(),
                            lost, new dev.sessiondesk.model.Fingerprint(4, "cd".repeat(32))), List.of())
                    .write(folder.resolve(UpgradeManifest.FILE_NAME));
        }

        DeskClient client = startClient(data, tmp.resolve("home"));
        RecoveryDialog recovery = fxGet(client::recovery);
        assertThat(recovery).isNotNull();
        assertThat(fxGet(client::windows)).isEmpty();
        assertThat(recovery.problems()).singleElement().asString().contains(lost, "4 messages before the upgrade");
        assertThat(fxGet(() -> recovery.stage().isShowing())).isTrue();

        fxRun(() -> ((Button) recovery.stage().getScene().lookup("#recovery-continue")).fire());
        waitFor("the windows after Continue anyway", () -> fxGet(() -> !client.windows().isEmpty()));
        assertThat(fxGet(client::recovery)).isNull();
        fx(client::quit).get(30, TimeUnit.SECONDS);
    }

    @Test
    void importShowsProgressThenASummaryWithTheSkippedReasons() throws Exception {
        DeskClient client = startClient(tmp.resolve("data"), tmp.resolve("home"));
        waitFor("a window", () -> fxGet(() -> !client.windows().isEmpty()));
        MaintenanceController c = client.maintenanceController();
        Path damaged = Path.of(getClass().getResource("/fixtures/goose-jsonl-damaged").toURI());

        CompletableFuture<ImportReport> running = fx(() -> c.importPath(client.windows().get(0).stage(), damaged));
        ImportReport report = running.get(30, TimeUnit.SECONDS);

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.skippedSessions()).isEqualTo(1);
        ReportDialog shown = fxGet(c::lastReport);
        assertThat(fxGet(() -> shown.stage().isShowing())).isTrue();
        assertThat(shown.headline()).contains("some sessions were skipped");
        assertThat(shown.text()).contains("1 session(s) imported, 0 already present, 0 appended to",
                "skipped: 20240202_100000.jsonl:4", "not valid JSON", "skipped: 20240202_100000.jsonl:6");
        fxRun(() -> shown.stage().close());
        fx(client::quit).get(30, TimeUnit.SECONDS);
    }

    @Test
    void theProgressDialogFollowsWorkOnAnotherThread() throws Exception {
        ProgressDialog dialog = fx(() -> new ProgressDialog(null, "Importing x").show());
        var worker = dev.sessiondesk.app.tasks.Workers.logging().single("import-worker", true);
        dev.sessiondesk.app.tasks.BackgroundTask.withProgress("import x",
                        p -> {
                            ProgressDialog.importProgress(p).update("x.jsonl", 1, 4, 2);
                            return null;
                        })
                .onProgress(dialog::update)
                .executeWith(new dev.sessiondesk.app.tasks.TaskRunner(worker, javafx.application.Platform::runLater))
                .get(30, TimeUnit.SECONDS);
        worker.shutdown();
        ProgressBar bar = fxGet(() -> (ProgressBar) dialog.stage().getScene().lookup("#progress-bar"));
        waitFor("the bar to move", () -> fxGet(() -> bar.getProgress() == 0.25));
        assertThat(fxGet(() -> ((Label) dialog.stage().getScene().lookup("#progress-message")).getText()))
                .isEqualTo("x.jsonl — 2 sessions so far");
        fxRun(dialog::close);
    }

    @Test
    void verifyStoreReportsATamperedSessionAndTheBackupThatHasItIntact() throws Exception {
        Path data = tmp.resolve("data");
        DeskClient client = startClient(data, tmp.resolve("home"));
        waitFor("a window", () -> fxGet(() -> !client.windows().isEmpty()));
        client.awaitStartMaintenance();
        Session s = client.desk().sessions().create("victim", null);
        for (int i = 1; i <= 3; i++) {
            client.desk().sessions().append(s.id(), StoreFixture.text(Role.USER, "message " + i));
        }
        MaintenanceController c = client.maintenanceController();
        var backup = fx(() -> c.backUpNow(null)).get(30, TimeUnit.SECONDS);
        assertThat(fxGet(() -> c.lastReport().text())).contains(backup.file().toString(), "messages");
        StoreFixture.sql(data, "UPDATE messages SET content_json = '[{\"text\":\"message 2, edited\",\"type\":\"text\"}]'"
                + " WHERE session_id = '" + s.id() + "' AND seq = 2");

        var report = fx(() -> c.verifyStore(client.windows().get(0).stage())).get(30, TimeUnit.SECONDS);

        assertThat(report.ok()).isFalse();
        ReportDialog shown = fxGet(c::lastReport);
        assertThat(shown.headline()).isEqualTo("The store has problems; the way back is below");
        assertThat(shown.text()).contains(s.id(), "restore " + backup.fileName(), "1 damaged sessions");
        assertThat(fxGet(() -> shown.stage().getScene().lookup("#verify-restore"))).isNotNull();
        assertThat(fxGet(() -> shown.stage().getScene().lookup("#verify-export-intact"))).isNotNull();
        fxRun(() -> shown.stage().close());
        fx(client::quit).get(30, TimeUnit.SECONDS);
    }

    @Test
    void restoreReplacesTheStoreAndBringsTheWindowsBackFromIt() throws Exception {
        Path data = tmp.resolve("data");
        DeskClient client = startClient(data, tmp.resolve("home"));
        waitFor("a window", () -> fxGet(() -> !client.windows().isEmpty()));
        client.awaitStartMaintenance();
        String windowId = fxGet(() -> client.windows().get(0).viewModel().windowId());
        Session s = client.desk().sessions().create("restored", null);
        client.desk().sessions().append(s.id(), StoreFixture.text(Role.USER, "before the backup"));
        MaintenanceController c = client.maintenanceController();
        var backup = fx(() -> c.backUpNow(null)).get(30, TimeUnit.SECONDS);
        client.desk().sessions().append(s.id(), StoreFixture.text(Role.USER, "after the backup"));

        var result = fx(() -> c.restore(null, backup)).get(60, TimeUnit.SECONDS);

        assertThat(result.restoredFrom()).isEqualTo(backup.file());
        assertThat(result.safetyCopyVerified()).isTrue();
        waitFor("the windows from the restored store", () -> fxGet(() -> !client.windows().isEmpty()
                && client.windows().get(0).stage().isShowing()));
        assertThat(fxGet(() -> client.windows().get(0).viewModel().windowId())).isEqualTo(windowId);
        assertThat(client.desk().sessions().messages(s.id())).hasSize(1);
        assertThat(fxGet(() -> c.lastReport().text())).contains("the store as it was is kept at");
        fx(client::quit).get(30, TimeUnit.SECONDS);
    }

    @Test
    void prepareForUpgradeFromTheRunningAppWritesTheManifestWithItsWindows() throws Exception {
        DeskClient client = startClient(tmp.resolve("data"), tmp.resolve("home"));
        waitFor("a window", () -> fxGet(() -> !client.windows().isEmpty()));
        client.awaitStartMaintenance();
        var window = fxGet(() -> client.windows().get(0));
        GuiFixture.typeAndPressEnter(window, "kept across the upgrade");
        GuiFixture.assertSentAndShown(window, 1);

        var result = fx(() -> client.maintenanceController().prepareForUpgrade(null)).get(60, TimeUnit.SECONDS);

        assertThat(Files.isRegularFile(result.manifest())).isTrue();
        assertThat(result.windows()).isEqualTo(1); // the window's binding was written before the manifest
        assertThat(result.exportedSessions()).isEqualTo(1);
        assertThat(fxGet(() -> client.maintenanceController().lastReport().text())).contains(result.manifest().toString());
        fx(client::quit).get(30, TimeUnit.SECONDS);
    }
}
