package dev.sessiondesk.ui.api;

import static dev.sessiondesk.ui.GuiFixture.fxGet;
import static dev.sessiondesk.ui.GuiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.SessionDesk;
import dev.sessiondesk.app.api.ApiServer;
import dev.sessiondesk.app.api.ApiSettings;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.ui.DeskClient;
import dev.sessiondesk.ui.GuiFixture;
import dev.sessiondesk.ui.SessionDeskApp;
import dev.sessiondesk.ui.chat.ChatWindow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A message sent from a phone shows in the desktop window on that session, and so does the reply as it streams. */
class PhoneToDesktopGuiTest {
    @TempDir
    Path dataDir;
    DeskClient client;

    @BeforeAll
    static void toolkit() throws Exception {
        GuiFixture.startToolkit();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            GuiFixture.fx(() -> client.quit()).get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void aPhoneMessageAndItsReplyShowLiveInTheWindow() throws Exception {
        String sid;
        try (SessionDesk desk = SessionDesk.open(dataDir)) {
            sid = desk.sessions().create("On the desk", null).id();
        }
        new ApiSettings(true, 0, false, null).save(dataDir.resolve("config")); // turned on in Preferences earlier
        client = GuiFixture.start(dataDir, List.of("--open", sid), SessionDeskApp.ASSISTANT);
        waitFor("the API to start with the app", () -> client.store().localApi().server().isPresent());
        ApiServer api = client.store().localApi().server().orElseThrow();
        ChatWindow w = fxGet(() -> client.windows().stream().filter(x -> sid.equals(x.viewModel().sessionId()))
                .findFirst().orElseThrow());

        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + api.port() + "/sessions/" + sid + "/reply"))
                .header("X-Secret-Key", api.token().reveal()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"request_id\":\"p1\",\"user_message\":{\"role\":\"user\","
                        + "\"created\":1764547200,\"content\":[{\"type\":\"text\",\"text\":\"Sent from my phone\"}],"
                        + "\"metadata\":{\"userVisible\":true,\"agentVisible\":true}}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);

        boolean sawStreaming = false;
        long until = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < until) {
            List<Message> shown = fxGet(() -> List.copyOf(w.viewModel().messages()));
            if (shown.size() == 2 && shown.get(1).state() == MessageState.STREAMING) {
                sawStreaming = true;
            }
            if (shown.size() == 2 && shown.get(1).state() == MessageState.COMPLETE) {
                assertThat(shown.get(0).role()).isEqualTo(Role.USER);
                assertThat(shown.get(0).contentJson()).contains("Sent from my phone");
                break;
            }
            Thread.sleep(15);
        }
        List<Message> shown = fxGet(() -> List.copyOf(w.viewModel().messages()));
        assertThat(shown).hasSize(2);
        assertThat(shown.get(1).state()).isEqualTo(MessageState.COMPLETE);
        assertThat(sawStreaming).as("the window showed the reply while it streamed").isTrue();
    }
}
