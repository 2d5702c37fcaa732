package dev.sessiondesk.ui.i18n;

import static dev.sessiondesk.ui.GuiFixture.fx;
import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.assistant.AssistantSettings;
import dev.sessiondesk.app.assistant.FakeChatServer;
import dev.sessiondesk.app.backup.BackupCatalog;
import dev.sessiondesk.app.importer.ImportReport;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.StoreFixture;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import dev.sessiondesk.ui.SessionDeskApp;
import dev.sessiondesk.ui.chat.ChatWindow;
import dev.sessiondesk.ui.maintenance.MaintenanceController;
import dev.sessiondesk.ui.maintenance.ReportDialog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.event.ActionEvent;
import javafx.scene.control.Label;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sentences app/ produces (import summary and problems, Verify Store's report, Sync Now's details,
 * the start-up backup notice, an assistant's refusal) reach a real window (Monocle) under the German
 * locale in German.
 */
class GermanAppTextsGuiTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    @Test
    void importVerifySyncNowAndTheStartUpNoticeSpeakGerman() throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // as the JVM picks it from a German desktop
        Path data = tmp.resolve("data");
        DeskClient client = null;
        try {
            String id = seed(data);
            // A file where the backup folder belongs: the daily backup fails, and the window says so.
            Files.writeString(data.resolve(BackupCatalog.FOLDER), "not a folder");
            client = GuiFixture.start(data, List.of("--open", id));
            DeskClient c = client;
            waitFor("the session", () -> fxGet(() -> c.windows().stream().anyMatch(x -> id.equals(x.viewModel().sessionId()))));
            ChatWindow w = fxGet(() -> c.windows().stream().filter(x -> id.equals(x.viewModel().sessionId())).findFirst().orElseThrow());

            c.awaitStartMaintenance();
            waitFor("the failed daily backup in German", () -> fxGet(() -> w.status().getText())
                    .startsWith("Die tägliche Sicherung ist fehlgeschlagen: "));

            importAFileWithABadLine(c, w);
            verifyATamperedSession(c, w, data, id);
            syncNowWithoutAServer(w);
        } finally {
            if (client != null) {
                DeskClient started = client;
                fx(() -> started.quit()).get(30, TimeUnit.SECONDS);
            }
            Locale.setDefault(before);
        }
    }

    @Test
    void anAssistantThatRejectsTheKeyIsExplainedInGerman() throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        DeskClient client = null;
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.status(401,
                "{\"error\":{\"message\":\"Incorrect API key provided\"}}"))) {
            client = GuiFixture.start(tmp.resolve("data"), List.of(), SessionDeskApp.ASSISTANT);
            client.services().desk().assistants().use(AssistantSettings.endpoint(server.baseUrl(), "m", "falscher-schlüssel"));
            DeskClient c = client;
            ChatWindow w = fxGet(() -> c.windows().get(0));
            GuiFixture.typeAndPressEnter(w, "Ist da jemand?");
            Label problem = (Label) fxGet(() -> w.stage().getScene().lookup("#reply-problem"));
            waitFor("the error in the window", () -> fxGet(() -> problem.getText() != null && problem.getText().contains("HTTP 401")));
            assertThat(fxGet(problem::getText)).endsWith(": Der Assistent unter " + server.baseUrl() + " hat den API-Schlüssel"
                    + " abgelehnt (HTTP 401): Incorrect API key provided. Prüfen Sie SESSIONDESK_API_KEY oder den Schlüssel in"
                    + " den Einstellungen.");
        } finally {
            if (client != null) {
                DeskClient started = client;
                fx(() -> started.quit()).get(30, TimeUnit.SECONDS);
            }
            Locale.setDefault(before);
        }
    }

    private static String seed(Path data) throws Exception {
        try (SessionDesk desk = SessionDesk.open(data)) {
            Session s = desk.sessions().create("Reise", null);
            for (String t : List.of("Züge durch Europa", "Über Wien nach Budapest", "Und zurück")) {
                desk.store().messages().append(s.id(), NewMessage.text(Role.USER, t));
            }
            return s.id();
        }
    }

    private void importAFileWithABadLine(DeskClient c, ChatWindow w) throws Exception {
        MaintenanceController m = c.maintenanceController();
        Path damaged = Path.of(getClass().getResource("/fixtures/goose-jsonl-damaged").toURI());
        ImportReport report = fx(() -> m.importPath(w.stage(), damaged)).get(30, TimeUnit.SECONDS);
        assertThat(report.imported()).isEqualTo(1);
        ReportDialog shown = fxGet(m::lastReport);
        assertThat(shown.text()).contains("1 Sitzung importiert, 0 schon vorhanden, 0 ergänzt",
                        "Übersprungen: 20240202_100000.jsonl:4: kein gültiges JSON (")
                .doesNotContain("session(s)", "skipped:", "not valid JSON");
        fxRun(() -> shown.stage().close());
    }

    private static void verifyATamperedSession(DeskClient c, ChatWindow w, Path data, String id) throws Exception {
        StoreFixture.sql(data, "UPDATE messages SET content_json = '[{\"text\":\"anders\",\"type\":\"text\"}]'"
                + " WHERE session_id = '" + id + "' AND seq = 2");
        MaintenanceController m = c.maintenanceController();
        var report = fx(() -> m.verifyStore(w.stage())).get(30, TimeUnit.SECONDS);
        assertThat(report.ok()).isFalse();
        ReportDialog shown = fxGet(m::lastReport);
        assertThat(shown.text()).contains("1 beschädigte Sitzung", "SQLite-Prüfung (integrity_check): ok",
                "Sitzung " + id + ", Nachricht 2: der Inhalt passt nicht zu seinem Hash",
                "keine geprüfte Sicherung enthält sie").doesNotContain("damaged sessions", "does not match");
        fxRun(() -> shown.stage().close());
    }

    private static void syncNowWithoutAServer(ChatWindow w) throws Exception {
        fxRun(() -> w.stage().getScene().lookup("#sync-now").fireEvent(new ActionEvent()));
        waitFor("Sync Now's details", () -> fxGet(w::noticeText) != null && fxGet(w::noticeText).contains("Dauer "));
        assertThat(fxGet(w::noticeText)).contains("Kein Sync-Server eingerichtet (Einstellungen → Sync)",
                "sessions.db ist vollständig").doesNotContain("no sync server", "took ");
    }
}
