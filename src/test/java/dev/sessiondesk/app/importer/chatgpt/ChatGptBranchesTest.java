package dev.sessiondesk.app.importer.chatgpt;

import static dev.sessiondesk.app.importer.ImportTestSupport.byRef;
import static dev.sessiondesk.app.importer.ImportTestSupport.importPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportReport;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ChatGPT branches fork at their branch point: the store holds each conversation node once. */
class ChatGptBranchesTest {
    private static final int DEPTH = 1_000;
    @TempDir
    Path tmp;
    Store store;

    @BeforeEach
    void open() {
        store = Store.open(tmp.resolve("data"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static ObjectNode node(ObjectNode mapping, String id, String parent, String role, String text) {
        ObjectNode n = mapping.putObject(id);
        n.put("id", id);
        if (parent == null) {
            n.putNull("parent");
        } else {
            n.put("parent", parent);
            ((ArrayNode) mapping.get(parent).get("children")).add(id);
        }
        n.putArray("children");
        if (role == null) {
            n.putNull("message");
        } else {
            ObjectNode m = n.putObject("message");
            m.put("id", id);
            m.putObject("author").put("role", role);
            m.put("create_time", 1_700_000_000);
            ObjectNode content = m.putObject("content");
            content.put("content_type", "text");
            content.putArray("parts").add(text);
        }
        return n;
    }

    /**
     * A main path of {@link #DEPTH} messages with a side branch (one message) off every main node, and
     * below the side branch at depth 10 two more messages, the second of them in two versions.
     */
    private Path manyBranches() throws IOException {
        ObjectNode conv = CanonicalJson.MAPPER.createObjectNode();
        conv.put("conversation_id", "tree");
        conv.put("title", "Tree");
        ObjectNode mapping = conv.putObject("mapping");
        node(mapping, "root", null, null, null);
        String parent = "root";
        for (int i = 1; i <= DEPTH; i++) {
            String role = i % 2 == 1 ? "user" : "assistant";
            node(mapping, "m" + i, parent, role, "main " + i);
            node(mapping, "s" + i, parent, role, "side " + i);
            parent = "m" + i;
        }
        node(mapping, "deep1", "s10", "assistant", "deep 1");
        node(mapping, "deep2", "deep1", "user", "deep 2");
        node(mapping, "deeper", "deep1", "user", "deeper alternative");
        conv.put("current_node", "m" + DEPTH);
        Path file = tmp.resolve("conversations.json");
        Files.writeString(file, CanonicalJson.MAPPER.createArrayNode().add(conv).toString());
        return file;
    }

    @Test
    void aThousandSideBranchesStoreEachNodeOnce() throws IOException {
        ImportReport report = importPath(store, manyBranches(), ImportOptions.defaults());

        int distinctMessageNodes = 2 * DEPTH + 3;
        assertThat(report.imported()).isEqualTo(1 + DEPTH + 1);
        assertThat(store.messages().countAll()).isEqualTo(distinctMessageNodes);

        Session main = byRef(store, "chatgpt", "tree");
        assertThat(main.messageCount()).isEqualTo(DEPTH);
        Session side500 = byRef(store, "chatgpt", "tree#branch-s500");
        assertThat(side500.parentSessionId()).isEqualTo(main.id());
        assertThat(side500.parentSeq()).isEqualTo(499);
        assertThat(texts(store.messages().list(side500.id(), 498, 10))).containsExactly("main 498", "main 499", "side 500");

        Session deep = byRef(store, "chatgpt", "tree#branch-deep2");
        Session deeper = byRef(store, "chatgpt", "tree#branch-deeper");
        assertThat(deep.parentSessionId()).isEqualTo(main.id());
        assertThat(deep.parentSeq()).isEqualTo(9);
        assertThat(deeper.parentSessionId()).as("forks from the branch that holds its branch point").isEqualTo(deep.id());
        assertThat(deeper.parentSeq()).isEqualTo(11);
        assertThat(texts(store.messages().list(deeper.id()).subList(8, 12)))
                .containsExactly("main 9", "side 10", "deep 1", "deeper alternative");
        assertThat(store.verifier().verifyAll(false).ok()).isTrue();

        ImportReport again = importPath(store, manyBranches(), ImportOptions.defaults());
        assertThat(again.imported()).isZero();
        assertThat(store.messages().countAll()).isEqualTo(distinctMessageNodes);
    }

    @Test
    void aMappingThatIsOneClosedCycleIsALocatedError() throws IOException {
        Path file = tmp.resolve("conversations.json");
        Files.writeString(file, """
                [{"conversation_id": "loop", "title": "Loop", "mapping": {
                  "a": {"id": "a", "parent": "c", "children": ["b"], "message": {"id": "a", "author": {"role": "user"},
                        "content": {"content_type": "text", "parts": ["one"]}}},
                  "b": {"id": "b", "parent": "a", "children": ["c"], "message": {"id": "b", "author": {"role": "assistant"},
                        "content": {"content_type": "text", "parts": ["two"]}}},
                  "c": {"id": "c", "parent": "b", "children": ["a"], "message": null}}}]
                """);

        ImportReport report = importPath(store, file, ImportOptions.defaults());

        assertThat(report.imported()).isZero();
        assertThat(report.skipped()).singleElement().satisfies(p -> {
            assertThat(p.where()).startsWith("conversations.json:1:");
            assertThat(p.reason()).startsWith("$[0].mapping[\"").contains("closed cycle without a root");
        });
        assertThat(store.sessions().count(true)).isZero();
    }

    private static List<String> texts(List<Message> messages) {
        return messages.stream().map(m -> ContentItems.plainText(m.contentJson())).toList();
    }
}
