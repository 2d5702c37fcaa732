package dev.sessiondesk.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.WindowBinding;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/v1: cursor paging with ETags, messages since a seq, search, and what is live. */
class ApiV1Test {
    @TempDir
    Path tmp;
    ApiFixture api;
    final List<String> ids = new ArrayList<>();

    @BeforeEach
    void seed() throws Exception {
        api = new ApiFixture(tmp);
        for (int i = 0; i < 7; i++) {
            String id = api.desk.sessions().create("Session " + i, null).id();
            api.desk.sessions().append(id, NewMessage.text(Role.USER, "note " + i + (i == 3 ? " about pelicans" : "")));
            ids.add(id);
        }
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void cursorPagesCoverEverySessionOnceEvenWhenOneIsAddedBetweenPages() throws Exception {
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ApiFixture.json(api.get("/api/v1/sessions?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)));
            for (JsonNode s : page.get("sessions")) {
                assertThat(seen.add(s.get("id").asText())).as("seen twice: %s", s.get("id")).isTrue();
                order.add(s.get("id").asText());
            }
            if (pages == 0) {
                api.desk.sessions().create("Made while paging", null); // newest: sorts before the cursor, not re-sent
            }
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsAll(ids).hasSize(7);
        assertThat(api.get("/api/v1/sessions?cursor=!!notacursor").statusCode()).isEqualTo(400);
    }

    @Test
    void anUnchangedPageAnswers304AndAChangedOneANewEtag() throws Exception {
        HttpResponse<String> first = api.get("/api/v1/sessions?limit=5");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> same = api.http.send(api.authed("/api/v1/sessions?limit=5").header("If-None-Match", etag)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        api.desk.sessions().append(ids.get(0), NewMessage.text(Role.ASSISTANT, "news"));
        HttpResponse<String> changed = api.http.send(api.authed("/api/v1/sessions?limit=5").header("If-None-Match", etag)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
    }

    @Test
    void messagesSinceASeq() throws Exception {
        String id = ids.get(0);
        api.desk.sessions().append(id, NewMessage.text(Role.ASSISTANT, "second"));
        api.desk.sessions().append(id, NewMessage.text(Role.USER, "third"));
        JsonNode body = ApiFixture.json(api.get("/api/v1/sessions/" + id + "/messages?since=1"));
        assertThat(body.get("messages")).hasSize(2);
        assertThat(body.get("messages").get(0).get("seq").asInt()).isEqualTo(2);
        assertThat(body.get("last_seq").asInt()).isEqualTo(3);
        assertThat(ContractSchemas.violations("Message", body.get("messages").get(1).get("message"))).isEmpty();
        assertThat(ApiFixture.json(api.get("/api/v1/sessions/" + id + "/messages?since=3")).get("messages")).isEmpty();
    }

    @Test
    void searchFindsTheMessage() throws Exception {
        JsonNode body = ApiFixture.json(api.get("/api/v1/search?q=pelicans"));
        assertThat(body.get("hits")).hasSize(1);
        assertThat(body.get("hits").get(0).get("session_id").asText()).isEqualTo(ids.get(3));
        assertThat(body.get("hits").get(0).get("snippet").asText()).contains("**pelicans**");
        assertThat(api.get("/api/v1/search").statusCode()).isEqualTo(400);
    }

    @Test
    void liveNamesTheAppTheOpenWindowsAndTheirSessions() throws Exception {
        JsonNode none = ApiFixture.json(api.get("/api/v1/live"));
        assertThat(none.get("app").isNull()).isTrue();
        assertThat(none.get("windows")).isEmpty();
        api.desk.store().instance().beat(ProcessHandle.current().pid(), "desk", "0.1.0", System.currentTimeMillis());
        api.desk.store().windows().save(new WindowBinding("w-1", ids.get(2), 10, 10, 800, 600, false, 0, true,
                api.desk.sessions().require(ids.get(2)).fingerprint(), true, System.currentTimeMillis()));
        JsonNode live = ApiFixture.json(api.get("/api/v1/live"));
        assertThat(live.get("app").get("live").asBoolean()).isTrue();
        assertThat(live.get("app").get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(live.get("windows").get(0).get("session_id").asText()).isEqualTo(ids.get(2));
        assertThat(live.get("open_sessions").get(ids.get(2)).get(0).asText()).isEqualTo("w-1");
        assertThat(live.get("streaming")).isEmpty();
    }
}
