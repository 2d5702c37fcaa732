package dev.sessiondesk.ui.maintenance;

import static dev.sessiondesk.ui.GuiFixture.fx;
import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.backup.BackupRecord;
import dev.sessiondesk.app.backup.Progress;
import dev.sessiondesk.store.StoreFixture;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import dev.sessiondesk.ui.chat.ChatWindow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A window's banner for a session changed outside SessionDesk, in a real client under Monocle over real stores. */
class RecoveryBannerGuiTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    /** Two messages in a titled session, a verified backup, then message 2 rewritten outside the app. */
    private String tamperedSession(Path data, boolean withBackup) throws Exception {
        DeskClient client = GuiFixture.start(data, List.of());
        ChatWindow window = fxGet(() -> client.windows().get(0));
        GuiFixture.typeAndPressEnter(window, "first");
        GuiFixture.assertSentAndShown(window, 1);
        GuiFixture.typeAndPressEnter(window, "second");
        GuiFixture.assertSentAndShown(window, 2);
        String sessionId = fxGet(() -> window.viewModel().sessionId());
        client.awaitStartMaintenance();
        fx(client::quit).get(30, TimeUnit.SECONDS);
        try (SessionDesk desk = SessionDesk.open(data)) {
            desk.sessions().rename(sessionId, "Trip to Lisbon");
            if (withBackup) {
                desk.backups().backup("manual", Progress.NONE);
            }
        }
        StoreFixture.sql(data, "UPDATE messages SET content_json = '[{\"text\":\"rewritten\",\"type\":\"text\"}]'"
                + " WHERE session_id = '" + sessionId + "' AND seq = 2");
        return sessionId;
    }

    private static ChatWindow windowWithBanner(DeskClient client) throws InterruptedException {
        waitFor("the window with its banner", () -> fxGet(() -> !client.windows().isEmpty()
                && client.windows().get(0).viewModel().bannerProperty().get() != null));
        return fxGet(() -> client.windows().get(0));
    }

    private static String bannerText(ChatWindow w) {
        return fxGet(() -> w.banner().lookupAll(".label").stream().map(n -> ((Label) n).getText())
                .reduce("", (a, b) -> a + "\n" + b));
    }

    @Test
    void theBannerNamesTheSessionAndKeepAsItIsIsRememberedAcrossARestart() throws Exception {
        Path data = tmp.resolve("data");
        tamperedSession(data, false);

        DeskClient again = GuiFixture.start(data, List.of());
        ChatWindow shown = windowWithBanner(again);
        String text = bannerText(shown);
        assertThat(text).contains("“Trip to Lisbon” was changed outside SessionDesk")
                .contains("Message 2 of 2, sent ").contains("its text was changed after it was saved")
                .doesNotContain(fxGet(() -> shown.viewModel().sessionId()));

        fxRun(() -> ((Button) shown.banner().lookup("#banner-keep")).fire());

        waitFor("the banner to go", () -> fxGet(() -> shown.viewModel().bannerProperty().get() == null));
        assertThat(fxGet(() -> shown.viewModel().messages().size())).isEqualTo(2);
        fx(again::quit).get(30, TimeUnit.SECONDS);

        DeskClient third = GuiFixture.start(data, List.of());
        third.awaitStartMaintenance();
        ChatWindow back = fxGet(() -> third.windows().get(0));
        waitFor("the session to show", () -> fxGet(() -> back.viewModel().messages().size() == 2));
        assertThat(fxGet(() -> back.viewModel().bannerProperty().get())).isNull();
        assertThat(fxGet(() -> back.banner().isVisible())).isFalse();
        fx(third::quit).get(30, TimeUnit.SECONDS);
    }

    @Test
    void restoreThisSessionBringsBackOnlyItFromTheBackupAndTheBannerGoes() throws Exception {
        Path data = tmp.resolve("data");
        String sessionId = tamperedSession(data, true);
        String other;
        try (SessionDesk desk = SessionDesk.open(data)) {
            other = desk.sessions().create("Untouched", null).id();
            desk.sessions().append(other, StoreFixture.text(dev.sessiondesk.model.Role.USER, "after the backup"));
        }

        DeskClient again = GuiFixture.start(data, List.of());
        ChatWindow shown = windowWithBanner(again);
        var found = fx(() -> again.recoveryOffers().restoreSession(shown)).get(30, TimeUnit.SECONDS);
        assertThat(found).isPresent();
        BackupRecord backup = found.get();
        ReportDialog offer = fxGet(() -> again.maintenanceController().lastReport());
        assertThat(offer.headline()).contains("“Trip to Lisbon”").contains("intact");
        assertThat(offer.text()).contains("Only this session goes back");

        fxRun(() -> ((Button) offer.stage().getScene().lookup("#banner-restore")).fire());

        waitFor("the banner to go", () -> fxGet(() -> shown.viewModel().bannerProperty().get() == null
                && shown.viewModel().messages().size() == 2));
        waitFor("the report", () -> fxGet(() -> again.maintenanceController().lastReport() != offer));
        assertThat(fxGet(() -> again.maintenanceController().lastReport().headline())).contains("is back as it was");
        assertThat(again.desk().store().verifier().verifySession(sessionId).ok()).isTrue();
        assertThat(again.desk().sessions().messages(sessionId).get(1).contentJson()).contains("second");
        assertThat(again.desk().sessions().messages(other)).hasSize(1); // not in the backup, and still here
        assertThat(again.desk().backups().catalog().list()).contains(backup);
        fxRun(() -> again.maintenanceController().lastReport().stage().close());
        fxRun(() -> offer.stage().close());
        fx(again::quit).get(30, TimeUnit.SECONDS);
    }
}
