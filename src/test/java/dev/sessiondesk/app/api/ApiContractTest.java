package dev.sessiondesk.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every goose-compatible answer, validated against the shapes goose-server 1.34.0 declares. */
class ApiContractTest {
    @TempDir
    Path tmp;
    ApiFixture api;
    String sessionId;

    @BeforeEach
    void seed() throws Exception {
        api = new ApiFixture(tmp);
        Session s = api.desk.sessions().create("Release notes", "/home/me/project");
        sessionId = s.id();
        api.desk.sessions().append(sessionId, NewMessage.text(Role.USER, "Summarise the changes"));
        api.desk.sessions().append(sessionId, new NewMessage("m-2", Role.ASSISTANT, 1_764_000_000L,
                "[{\"type\":\"thinking\",\"thinking\":\"Let me look.\"},"
                        + "{\"type\":\"toolRequest\",\"id\":\"call-1\",\"toolCall\":{\"status\":\"success\",\"value\":{\"name\":\"git_log\",\"arguments\":{}}}},"
                        + "{\"type\":\"text\",\"text\":\"Three fixes.\"}]", true, false));
        api.desk.sessions().append(sessionId, new NewMessage(null, Role.USER, 1_764_000_001L,
                "[{\"type\":\"toolResponse\",\"id\":\"call-1\",\"toolResult\":{\"status\":\"success\",\"value\":[]}}]", false, true));
        api.desk.sessions().create(null, null); // untitled, no working folder: still a valid goose Session
    }

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void sessionListIsAGooseSessionListResponse() throws Exception {
        HttpResponse<String> r = api.get("/sessions");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = ApiFixture.json(r);
        assertThat(ContractSchemas.violations("SessionListResponse", body)).isEmpty();
        assertThat(body.get("sessions")).hasSize(2);
    }

    @Test
    void theCachedListFollowsEveryWriter() throws Exception {
        assertThat(api.get("/sessions").body()).doesNotContain("Written behind the API's back");
        api.desk.sessions().create("Written behind the API's back", null); // no change announced: seen by the watcher
        long t0 = System.nanoTime();
        while (!api.get("/sessions").body().contains("Written behind the API's back")) {
            assertThat(System.nanoTime() - t0).as("the list caught up").isLessThan(2_000_000_000L);
            Thread.sleep(10);
        }
        api.send("PUT", "/sessions/" + sessionId + "/name", "{\"name\":\"Renamed through the API\"}");
        assertThat(api.get("/sessions").body()).contains("Renamed through the API"); // its own writes: at once
    }

    @Test
    void oneSessionIsAGooseSessionWithItsConversation() throws Exception {
        JsonNode body = ApiFixture.json(api.get("/sessions/" + sessionId));
        assertThat(ContractSchemas.violations("Session", body)).isEmpty();
        assertThat(body.get("message_count").asInt()).isEqualTo(3);
        assertThat(body.get("conversation")).hasSize(3);
        for (JsonNode m : body.get("conversation")) {
            assertThat(ContractSchemas.violations("Message", m)).isEmpty();
        }
        JsonNode hidden = body.get("conversation").get(1).get("metadata");
        assertThat(hidden.get("userVisible").asBoolean()).isTrue();
        assertThat(hidden.get("agentVisible").asBoolean()).isFalse();
        assertThat(body.get("conversation").get(2).get("metadata").get("userVisible").asBoolean()).isFalse();
    }

    @Test
    void insightsAreGooseSessionInsights() throws Exception {
        JsonNode body = ApiFixture.json(api.get("/sessions/insights"));
        assertThat(ContractSchemas.violations("SessionInsights", body)).isEmpty();
        assertThat(body.get("totalSessions").asInt()).isEqualTo(2);
    }

    @Test
    void statusIsPlainOk() throws Exception {
        HttpResponse<String> r = api.get("/status");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok");
    }

    @Test
    void exportIsTextHoldingTheSessionJson() throws Exception {
        HttpResponse<String> r = api.get("/sessions/" + sessionId + "/export");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        JsonNode exported = CanonicalJson.MAPPER.readTree(r.body());
        assertThat(exported.get("id").asText()).isEqualTo(sessionId);
        assertThat(exported.get("conversation")).hasSize(3);
    }

    @Test
    void renameAndDeleteAnswerAsGooseDoesAndTheErrorsAreErrorResponses() throws Exception {
        assertThat(api.send("PUT", "/sessions/" + sessionId + "/name", "{\"name\":\"Release notes v2\"}").statusCode())
                .isEqualTo(200);
        assertThat(api.desk.sessions().require(sessionId).title()).isEqualTo("Release notes v2");
        HttpResponse<String> tooLong = api.send("PUT", "/sessions/" + sessionId + "/name",
                "{\"name\":\"" + "x".repeat(201) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(ContractSchemas.violations("ErrorResponse", ApiFixture.json(tooLong))).isEmpty();

        assertThat(api.send("DELETE", "/sessions/" + sessionId, null).statusCode()).isEqualTo(200);
        assertThat(api.desk.sessions().require(sessionId).inTrash()).isTrue(); // to the Trash, restorable
        HttpResponse<String> gone = api.get("/sessions/" + sessionId);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(ContractSchemas.violations("ErrorResponse", ApiFixture.json(gone))).isEmpty();
    }

    @Test
    void everyEventOnTheStreamIsAGooseMessageEvent() throws Exception {
        try (SseClient sse = new SseClient(api.server.port(), "/sessions/" + sessionId + "/events", api.token(), "0")) {
            assertThat(sse.status).isEqualTo(200);
            for (int i = 0; i < 4; i++) { // ActiveRequests, then the three messages replayed after id 0
                SseClient.Event e = sse.next("", 5_000);
                assertThat(e).isNotNull();
                assertThat(ContractSchemas.violations("MessageEvent", CanonicalJson.MAPPER.readTree(e.data()))).isEmpty();
            }
        }
    }

    @Test
    void theSchemasRejectWhatGooseWouldNot() throws Exception {
        ObjectNode session = (ObjectNode) ApiFixture.json(api.get("/sessions/" + sessionId));
        session.remove("name");
        assertThat(ContractSchemas.violations("Session", session)).isNotEmpty();
        ObjectNode message = (ObjectNode) session.get("conversation").get(0);
        message.put("role", "system");
        assertThat(ContractSchemas.violations("Message", message)).isNotEmpty();
        ObjectNode event = CanonicalJson.MAPPER.createObjectNode().put("type", "Finish");
        assertThat(ContractSchemas.violations("MessageEvent", event)).isNotEmpty(); // no reason, no token_state
        ObjectNode badDate = CanonicalJson.MAPPER.createObjectNode().put("id", "x").put("working_dir", "")
                .put("name", "").put("created_at", "yesterday").put("updated_at", "2026-12-01T00:00:00Z")
                .put("message_count", 0);
        badDate.putObject("extension_data");
        assertThat(ContractSchemas.violations("Session", badDate)).isNotEmpty();
    }
}
