package dev.sessiondesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Session;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageRoundTripTest {
    @TempDir
    Path dir;

    /** One Goose message per content item type of shared/formats.md, plus an unknown type. */
    static final List<String> MESSAGES = List.of(
            "{\"role\":\"user\",\"created\":1704110400,\"content\":[{\"type\":\"text\",\"text\":\"héllo ✓ \\u0000 \\\"quoted\\\"\"}]}",
            "{\"role\":\"user\",\"created\":1704110401,\"content\":[{\"type\":\"image\",\"data\":\"iVBORw0KGgo=\",\"mimeType\":\"image/png\"}]}",
            "{\"id\":\"msg_1\",\"role\":\"assistant\",\"created\":1704110402,\"content\":[{\"type\":\"toolRequest\",\"id\":\"call_1\","
                    + "\"toolCall\":{\"status\":\"success\",\"value\":{\"name\":\"shell\",\"arguments\":{\"command\":\"ls -la\"}}},"
                    + "\"_meta\":{\"x\":1}}]}",
            "{\"role\":\"user\",\"created\":1704110403,\"content\":[{\"type\":\"toolResponse\",\"id\":\"call_1\","
                    + "\"toolResult\":{\"status\":\"success\",\"value\":{\"content\":[{\"type\":\"text\",\"text\":\"a.txt\"}]}}}],"
                    + "\"metadata\":{\"userVisible\":false,\"agentVisible\":true}}",
            "{\"role\":\"assistant\",\"created\":1704110404,\"content\":[{\"type\":\"toolRequest\",\"id\":\"call_2\","
                    + "\"toolCall\":{\"status\":\"error\",\"error\":\"no such tool\"}}]}",
            "{\"role\":\"assistant\",\"created\":1704110405,\"content\":[{\"type\":\"toolConfirmationRequest\",\"id\":\"c\","
                    + "\"toolName\":\"shell\",\"arguments\":{},\"prompt\":null},{\"type\":\"actionRequired\",\"data\":{\"actionType\":\"elicitation\"}},"
                    + "{\"type\":\"frontendToolRequest\",\"id\":\"f\",\"toolCall\":{\"status\":\"success\",\"value\":{\"name\":\"ui\",\"arguments\":{}}}}]}",
            "{\"role\":\"assistant\",\"created\":1704110406,\"content\":[{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"sig\"},"
                    + "{\"type\":\"redactedThinking\",\"data\":\"xyz\"}]}",
            "{\"role\":\"assistant\",\"created\":1704110407,\"content\":[{\"type\":\"systemNotification\",\"notificationType\":\"info\","
                    + "\"msg\":\"compacted\",\"data\":{\"n\":2}},{\"type\":\"conversationCompacted\",\"msg\":\"old\"}],"
                    + "\"metadata\":{\"userVisible\":true,\"agentVisible\":false}}",
            "{\"role\":\"assistant\",\"created\":1704110408,\"content\":[{\"type\":\"hologram\",\"zeta\":[1.50,2.0e3,12345678901234567890123],"
                    + "\"alpha\":{\"nested\":true,\"n\":null},\"text\":\"future\"}]}");

    @Test
    void everyContentItemTypeSurvivesAppendAndReadExactly() throws Exception {
        try (Store store = Store.open(dir)) {
            Session s = store.sessions().create(NewSession.blank());
            for (String json : MESSAGES) {
                store.messages().append(s.id(), GooseMessages.parse(json));
            }
            List<Message> stored = store.messages().list(s.id());
            assertThat(stored).hasSize(MESSAGES.size());
            for (int i = 0; i < MESSAGES.size(); i++) {
                NewMessage original = GooseMessages.parse(MESSAGES.get(i));
                Message back = stored.get(i);
                assertThat(back.seq()).isEqualTo(i + 1);
                var originalJson = CanonicalJson.parse(MESSAGES.get(i));
                assertThat(back.contentJson()).isEqualTo(CanonicalJson.write(originalJson.get("content")));
                assertThat(back.role().wire()).isEqualTo(originalJson.get("role").textValue());
                assertThat(back.created()).isEqualTo(originalJson.get("created").longValue());
                assertThat(back.userVisible()).isEqualTo(originalJson.path("metadata").path("userVisible").asBoolean(true));
                assertThat(back.agentVisible()).isEqualTo(originalJson.path("metadata").path("agentVisible").asBoolean(true));
                assertThat(GooseMessages.sameMessage(back.body(), original)).isTrue();
                // verify's fast path must hash exactly the bytes the chain was built from
                assertThat(GooseMessages.canonicalBytesOfStored(back.body())).isEqualTo(GooseMessages.canonicalBytes(original));
            }
            assertThat(store.verifier().verifySession(s.id()).ok()).isTrue();
        }
    }

    @Test
    void unknownItemTypesAreKeptByteForByteInCanonicalForm() throws Exception {
        String unknown = "{\"type\":\"hologram\",\"zeta\":[1.50,2.0e3,12345678901234567890123],"
                + "\"alpha\":{\"nested\":true,\"n\":null},\"text\":\"future\"}";
        try (Store store = Store.open(dir)) {
            Session s = store.sessions().create(NewSession.blank());
            store.messages().append(s.id(), GooseMessages.parse(
                    "{\"role\":\"assistant\",\"created\":1,\"content\":[" + unknown + "]}"));
            String stored = store.messages().list(s.id()).get(0).contentJson();
            assertThat(stored).isEqualTo("[" + CanonicalJson.canonicalize(unknown) + "]");
            // exact numbers: no float rounding, no trailing-zero stripping, no overflow
            assertThat(stored).contains("1.50").contains("12345678901234567890123").contains("2.0E+3");
        }
    }

    @Test
    void messageIdsWithCharactersThatNeedEscapingHashTheSameOnBothPaths() throws Exception {
        NewMessage m = GooseMessages.parse("{\"id\":\"msg \\\"q\\\" \\u0001 é \\n\",\"role\":\"user\",\"created\":7,"
                + "\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}");
        assertThat(GooseMessages.canonicalBytesOfStored(m)).isEqualTo(GooseMessages.canonicalBytes(m));
    }

    @Test
    void aBatchStoresExactlyWhatAppendingOneByOneStores() throws Exception {
        try (Store store = Store.open(dir)) {
            Session single = store.sessions().create(NewSession.blank());
            Session batch = store.sessions().create(NewSession.blank());
            List<NewMessage> messages = new java.util.ArrayList<>();
            for (String json : MESSAGES) {
                messages.add(GooseMessages.parse(json));
            }
            // an open stream in the batch's session is ended (interrupted) first, as a single append does
            StreamingMessage open = store.messages().beginStreaming(batch.id(), NewMessage.text(dev.sessiondesk.model.Role.ASSISTANT, "half"));
            store.messages().beginStreaming(single.id(), NewMessage.text(dev.sessiondesk.model.Role.ASSISTANT, "half"));
            for (NewMessage m : messages) {
                store.messages().append(single.id(), m);
            }
            var results = store.messages().appendAll(batch.id(), messages);
            List<Message> a = store.messages().list(single.id());
            List<Message> b = store.messages().list(batch.id());
            assertThat(b).hasSize(a.size());
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).body()).isEqualTo(a.get(i).body());
                assertThat(b.get(i).state()).isEqualTo(a.get(i).state());
            }
            assertThat(b.get(0).seq()).isEqualTo(open.seq());
            assertThat(results.get(results.size() - 1).hash()).isEqualTo(store.sessions().require(batch.id()).headHash());
            assertThat(store.verifier().verifyAll(false).ok()).isTrue();
            long indexed = store.reader().read("count index rows", c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery(
                        "SELECT count(*) FROM messages_fts WHERE rowid IN (SELECT id FROM messages WHERE session_id = '"
                                + batch.id() + "')")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(indexed).isEqualTo(b.stream().filter(m -> !dev.sessiondesk.model.ContentItems.plainText(m.contentJson()).isEmpty()).count());
        }
    }

    @Test
    void oldReasoningItemsAreReadAsThinking() throws Exception {
        NewMessage m = GooseMessages.parse("{\"role\":\"assistant\",\"created\":5,\"content\":[{\"type\":\"reasoning\",\"reasoning\":\"why\"}]}");
        assertThat(m.contentJson()).isEqualTo("[{\"thinking\":\"why\",\"type\":\"thinking\"}]");
    }

    @Test
    void millisecondTimestampsAreReadAsSeconds() throws Exception {
        NewMessage m = GooseMessages.parse("{\"role\":\"user\",\"created\":1704110400123,\"content\":[]}");
        assertThat(m.created()).isEqualTo(1704110400L);
    }
}
