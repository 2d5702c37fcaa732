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
import dev.sessiondesk.app.client.ClientOptions;
import dev.sessiondesk.app.instance.LaunchRequest;
import dev.sessiondesk.app.sync.SyncSettings;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.control.Label;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sentences app/ produces (import summary and problems, Verify Store's report, Sync Now's details,
 * the start-up backup notice, Back Up Now's failure, an assistant's refusal, why the sync server was not
 * reached) reach a real window (Monocle) under the German locale in German.
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
        Path data = tmp.resolve("data");
        String id = seed(data);
        // A file where the backup folder belongs: the daily backup fails, and the window says so.
        Files.writeString(data.resolve(BackupCatalog.FOLDER), "not a folder");
        inGerman(() -> GuiFixture.start(data, List.of("--open", id)), c -> {
            waitFor("the session", () -> fxGet(() -> c.windows().stream().anyMatch(x -> id.equals(x.viewModel().sessionId()))));
            ChatWindow w = fxGet(() -> c.windows().stream().filter(x -> id.equals(x.viewModel().sessionId())).findFirst().orElseThrow());

            c.awaitStartMaintenance();
            waitFor("the failed daily backup in German", () -> fxGet(() -> w.status().getText())
                    .startsWith("Die tägliche Sicherung ist fehlgeschlagen: "));

            backUpNowIntoAFile(c, w, data);
            importAFileWithABadLine(c, w);
            verifyATamperedSession(c, w, data, id);
            syncNowWithoutAServer(w);
        });
    }

    @Test
    void anAssistantThatRejectsTheKeyIsExplainedInGerman() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(FakeChatServer.status(401,
                "{\"error\":{\"message\":\"Incorrect API key provided\"}}"))) {
            inGerman(() -> GuiFixture.start(tmp.resolve("data"), List.of(), SessionDeskApp.ASSISTANT), c -> {
                c.services().desk().assistants().use(AssistantSettings.endpoint(server.baseUrl(), "m", "falscher-schlüssel"));
                ChatWindow w = fxGet(() -> c.windows().get(0));
                GuiFixture.typeAndPressEnter(w, "Ist da jemand?");
                Label problem = (Label) fxGet(() -> w.stage().getScene().lookup("#reply-problem"));
                waitFor("the error in the window", () -> fxGet(() -> problem.getText() != null && problem.getText().contains("HTTP 401")));
                assertThat(fxGet(problem::getText)).endsWith(": Der Assistent unter " + server.baseUrl() + " hat den API-Schlüssel"
                        + " abgelehnt (HTTP 401): Incorrect API key provided. Prüfen Sie SESSIONDESK_API_KEY oder den Schlüssel in"
                        + " den Einstellungen.");
            });
        }
    }

    @Test
    void aSyncServerThatCannotBeReachedIsSaidInGerman() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String url = "postgresql://nobody@127.0.0.1:" + closed + "/none";
        inGerman(() -> startSyncingWith(tmp.resolve("data"), url), c -> {
            waitFor("a window", () -> fxGet(() -> !c.windows().isEmpty()));
            ChatWindow w = fxGet(() -> c.windows().get(0));
            fxRun(() -> w.stage().getScene().lookup("#sync-now").fireEvent(new ActionEvent()));
            waitFor("Sync Now's details", () -> fxGet(w::noticeText) != null && fxGet(w::noticeText).contains("Dauer "));
            assertThat(fxGet(w::noticeText)).contains("Offline — keine Nachrichten warten (Der Sync-Server postgresql://nobody@127.0.0.1:"
                    + closed + "/none as nobody ist nicht erreichbar (Verbinden): ").doesNotContain("cannot reach", "to connect");
            waitFor("the offline status line", () -> fxGet(() -> w.status().getText()).startsWith("Offline"));
            assertThat(fxGet(() -> w.status().getText())).isEqualTo("Offline — keine Nachrichten warten");
        });
    }

    @Test
    void aSyncServerWithoutTheDatabaseIsSaidInGermanInTheStatusLine() throws Exception {
        String url = "postgresql://root@127.0.0.1:5432/sessiondesk_no_such_database";
        inGerman(() -> startSyncingWith(tmp.resolve("data"), url), c -> {
            waitFor("a window", () -> fxGet(() -> !c.windows().isEmpty()));
            ChatWindow w = fxGet(() -> c.windows().get(0));
            fxRun(() -> w.stage().getScene().lookup("#sync-now").fireEvent(new ActionEvent()));
            waitFor("the failed sync in the status line", () -> fxGet(() -> w.status().getText()).startsWith("Sync: "));
            assertThat(fxGet(() -> w.status().getText())).startsWith("Sync: Der Sync-Server " + url
                    + " as root hat keine solche Datenbank: ").doesNotContain("no such database");
        });
    }

    private interface Start {
        DeskClient start() throws Exception;
    }

    private interface InTheWindow {
        void check(DeskClient client) throws Exception;
    }

    /** Starts a client under the German locale (as the JVM picks it from a German desktop), checks, quits. */
    private static void inGerman(Start start, InTheWindow check) throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        DeskClient client = null;
        try {
            client = start.start();
            check.check(client);
        } finally {
            if (client != null) {
                DeskClient started = client;
                fx(() -> started.quit()).get(30, TimeUnit.SECONDS);
            }
            Locale.setDefault(before);
        }
    }

    private static DeskClient startSyncingWith(Path data, String url) throws Exception {
        CompletableFuture<DeskClient> started = new CompletableFuture<>();
        Platform.runLater(() -> {
            DeskClient d = new DeskClient(ClientOptions.of(data, LaunchRequest.parse(List.of()))
                    .withSettingsFrom(Map.of(SyncSettings.ENV_URL, url), data.resolve("config"))
                    .withTimings(GuiFixture.fastTimings()), () -> { });
            d.start().whenComplete((o, e) -> {
                if (e != null) {
                    started.completeExceptionally(e);
                } else {
                    started.complete(d);
                }
            });
        });
        return started.get(30, TimeUnit.SECONDS);
    }

    /** The backup folder is a file: Back Up Now's failure dialog says why in German. */
    private static void backUpNowIntoAFile(DeskClient c, ChatWindow w, Path data) throws Exception {
        MaintenanceController m = c.maintenanceController();
        var done = fx(() -> m.backUpNow(w.stage()));
        waitFor("the failed backup", done::isDone);
        assertThat(done).isCompletedExceptionally();
        waitFor("the report", () -> fxGet(m::lastReport) != null);
        ReportDialog shown = fxGet(m::lastReport);
        assertThat(shown.text()).contains("Der Sicherungsordner " + data.resolve(BackupCatalog.FOLDER).toAbsolutePath()
                + " kann nicht angelegt werden: ").doesNotContain("cannot create");
        fxRun(() -> shown.stage().close());
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
