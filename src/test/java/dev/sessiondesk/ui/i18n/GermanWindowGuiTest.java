package dev.sessiondesk.ui.i18n;

import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.fxRun;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import dev.sessiondesk.ui.chat.ChatWindow;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real window (Monocle) started under the German locale speaks German: menus, composer, status line. */
class GermanWindowGuiTest {
    @TempDir
    Path dataDir;

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    private static MenuBar menuBar(ChatWindow w) {
        return (MenuBar) w.stage().getScene().lookup(".menu-bar");
    }

    private static List<String> texts(List<? extends MenuItem> items) {
        return items.stream().map(MenuItem::getText).filter(t -> t != null).map(t -> t.replace("_", "")).toList();
    }

    @Test
    void menusComposerAndStatusLineAreGermanWithGermanPlurals() throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // as the JVM picks it from a German desktop
        DeskClient client = null;
        try {
            String id = seed();
            client = GuiFixture.start(dataDir, List.of("--open", id));
            speaksGerman(client, id);
        } finally {
            if (client != null) {
                DeskClient started = client;
                GuiFixture.fx(() -> started.quit()).get(30, TimeUnit.SECONDS);
            }
            Locale.setDefault(before);
        }
    }

    /** A session with one message, so the status line has a count to say. */
    private String seed() throws Exception {
        try (SessionDesk desk = SessionDesk.open(dataDir)) {
            Session s = desk.sessions().create("Reise", null);
            desk.store().messages().append(s.id(), NewMessage.text(Role.USER, "Züge durch Europa"));
            return s.id();
        }
    }

    private static void speaksGerman(DeskClient client, String id) throws Exception {
        waitFor("the session", () -> fxGet(() -> client.windows().stream().anyMatch(x -> id.equals(x.viewModel().sessionId()))));
        ChatWindow w = fxGet(() -> client.windows().stream().filter(x -> id.equals(x.viewModel().sessionId()))
                .findFirst().orElseThrow());

        List<String> menus = fxGet(() -> texts(menuBar(w).getMenus()));
        assertThat(menus).startsWith("Datei", "Bearbeiten", "Sitzung", "Ansicht").contains("Fenster", "Hilfe");
        assertThat(menus.indexOf("Fenster")).as("the Window menu comes before Help").isLessThan(menus.indexOf("Hilfe"));
        List<String> file = fxGet(() -> texts(menuBar(w).getMenus().get(0).getItems()));
        assertThat(file).contains("Neues Fenster", "Neuer Chat", "Datei importieren…", "Jetzt sichern", "Beenden");
        List<String> help = fxGet(() -> texts(menuBar(w).getMenus().stream().filter(m -> "menu-help".equals(m.getId()))
                .findFirst().map(Menu::getItems).orElseThrow()));
        assertThat(help).contains("Speicher prüfen", "Upgrade vorbereiten");

        assertThat(fxGet(() -> w.composer().getPromptText())).isEqualTo("Nachricht — Enter sendet, Umschalt+Enter fügt eine Zeile ein");
        assertThat(fxGet(() -> ((Button) w.stage().getScene().lookup("#sync-now")).getText())).isEqualTo("Jetzt synchronisieren");
        waitFor("the status line to count the message in German", () -> fxGet(() -> w.status().getText()).equals("1 Nachricht"));

        fxRun(() -> w.viewModel().trash());
        waitFor("the trash line in German", () -> fxGet(() -> w.status().getText()).equals("In den Papierkorb verschoben"));
        assertThat(fxGet(() -> w.stage().getScene().lookup("#undo-trash").isVisible())).isTrue();
    }
}
