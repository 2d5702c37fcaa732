package dev.sessiondesk.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.assistant.AssistantSettings;
import dev.sessiondesk.app.assistant.OfflineAssistant;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.MessageState;
import dev.sessiondesk.model.Role;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing from a phone: the message is committed before the answer, the desktop's assistant replies. */
class ApiReplyTest {
    @TempDir
    Path tmp;
    ApiFixture api;
    String id;
    final Set<String> announced = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws Exception {
        api = new ApiFixture(tmp);
        api.desk.assistants().use(AssistantSettings.offline(), new OfflineAssistant(Duration.ofMillis(5)));
        api.changes.listen(announced::add); // what a desktop window on the session listens to
        id = api.desk.sessions().create("From the phone", null).id();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static String request(String requestId, String role, String text) {
        return "{\"request_id\":\"" + requestId + "\",\"user_message\":{\"role\":\"" + role + "\",\"created\":1764547200,"
                + "\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}],"
                + "\"metadata\":{\"userVisible\":true,\"agentVisible\":true}}}";
    }

    @Test
    void gooseReplyCommitsTheMessageBeforeAnsweringAndTheReplyStreamsOnEvents() throws Exception {
        try (SseClient events = new SseClient(api.server.port(), "/sessions/" + id + "/events", api.token(), null)) {
            assertThat(events.next("ActiveRequests", 5_000)).isNotNull();
            HttpResponse<String> r = api.send("POST", "/sessions/" + id + "/reply", request("req-1", "user", "Hello desk"));
            assertThat(r.statusCode()).isEqualTo(200);
            // Answered only after the commit: the message is in the store the moment the phone hears back (P1).
            List<Message> stored = api.desk.store().messages().list(id);
            assertThat(stored.get(0).role()).isEqualTo(Role.USER);
            assertThat(stored.get(0).contentJson()).contains("Hello desk");
            JsonNode body = ApiFixture.json(r);
            assertThat(ContractSchemas.violations("SessionReplyResponse", body)).isEmpty();
            assertThat(body.get("request_id").asText()).isEqualTo("req-1");

            SseClient.Event user = events.next("Hello desk", 5_000);
            assertThat(user.id()).isEqualTo(1L);
            StringBuilder reply = new StringBuilder();
            SseClient.Event e;
            while ((e = events.next("", 15_000)) != null && !e.data().contains("\"Finish\"")) {
                JsonNode event = CanonicalJson.MAPPER.readTree(e.data());
                assertThat(ContractSchemas.violations("MessageEvent", event)).isEmpty();
                if ("Message".equals(event.get("type").asText()) && "assistant".equals(event.at("/message/role").asText())) {
                    for (JsonNode item : event.at("/message/content")) {
                        reply.append(item.path("text").asText());
                    }
                }
            }
            assertThat(e).as("a Finish event ends the reply").isNotNull();
            assertThat(CanonicalJson.MAPPER.readTree(e.data()).get("reason").asText()).isEqualTo("stop");
            Message saved = api.desk.store().messages().get(id, 2).orElseThrow();
            assertThat(saved.state()).isEqualTo(MessageState.COMPLETE);
            assertThat(reply.toString()).isEqualTo(dev.sessiondesk.model.ContentItems.plainText(saved.contentJson()));
            assertThat(reply.toString()).startsWith(OfflineAssistant.LABEL);
        }
        assertThat(announced).contains(id); // the desktop's windows on the session were told
    }

    @Test
    void ourReplyRouteStreamsTheReplyBackAndEnds() throws Exception {
        try (Socket s = new Socket("127.0.0.1", api.server.port())) {
            s.setSoTimeout(20_000);
            byte[] body = request("req-2", "user", "Stream it back").getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/sessions/" + id + "/reply HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Secret-Key: " + api.token()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // ends with the reply
            assertThat(all).startsWith("HTTP/1.1 200").contains("text/event-stream");
            assertThat(all).contains("id: 1\n").contains("Stream it back").contains("id: 2\n").contains("\"Finish\"");
            assertThat(all.indexOf("id: 1\n")).isLessThan(all.indexOf("id: 2\n"));
        }
        assertThat(api.desk.store().messages().get(id, 2).orElseThrow().state()).isEqualTo(MessageState.COMPLETE);
    }

    @Test
    void aBadReplyRequestIsRefusedAndNothingIsSaved() throws Exception {
        assertThat(api.send("POST", "/sessions/" + id + "/reply", request("r", "assistant", "I am the model")).statusCode())
                .isEqualTo(400);
        assertThat(api.send("POST", "/sessions/" + id + "/reply", "{\"user_message\":{}}").statusCode()).isEqualTo(400);
        assertThat(api.send("POST", "/sessions/" + id + "/reply", "not json").statusCode()).isEqualTo(400);
        assertThat(api.desk.store().messages().list(id)).isEmpty();
    }

    @Test
    void aSecondReplyWhileOneStreamsIsAConflict() throws Exception {
        api.desk.assistants().use(AssistantSettings.offline(), new OfflineAssistant(Duration.ofMillis(100)));
        assertThat(api.send("POST", "/sessions/" + id + "/reply", request("a", "user", "first")).statusCode()).isEqualTo(200);
        HttpResponse<String> second = api.send("POST", "/sessions/" + id + "/reply", request("b", "user", "second"));
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(api.desk.store().messages().list(id).stream().filter(m -> m.role() == Role.USER)).hasSize(1);
        JsonNode live = ApiFixture.json(api.get("/api/v1/live"));
        for (long until = System.currentTimeMillis() + 5_000; !live.get("streaming").toString().contains(id)
                && System.currentTimeMillis() < until; Thread.sleep(50)) {
            live = ApiFixture.json(api.get("/api/v1/live")); // the row appears with the first token
        }
        assertThat(live.get("streaming").get(0).get("session_id").asText()).isEqualTo(id);
        assertThat(live.get("streaming").get(0).get("live").asBoolean()).isTrue(); // this process owns it
    }
}
