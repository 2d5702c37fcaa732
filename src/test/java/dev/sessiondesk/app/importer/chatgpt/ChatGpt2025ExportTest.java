package dev.sessiondesk.app.importer.chatgpt;

import static dev.sessiondesk.app.importer.ImportTestSupport.byRef;
import static dev.sessiondesk.app.importer.ImportTestSupport.copyFixture;
import static dev.sessiondesk.app.importer.ImportTestSupport.importPath;
import static dev.sessiondesk.app.importer.ImportTestSupport.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportReport;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ChatGPT export as made in 2025 (fixture written from the shape of real exports): split into
 * numbered files, nodes with parent links but no children arrays, archived conversations, the
 * model's hidden editable context, code sent to the python tool, a tool's system error, empty and
 * non-empty reasoning summaries, a node whose parent is missing and a conversation listed twice.
 */
class ChatGpt2025ExportTest {
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

    private ImportReport importExport() throws Exception {
        return importPath(store, copyFixture("chatgpt-2025", tmp.resolve("export")), ImportOptions.defaults());
    }

    @Test
    void aSplitExportFolderImportsEveryNumberedFile() throws Exception {
        ImportReport report = importExport();
        assertThat(report.skipped()).isEmpty();
        assertThat(byRef(store, "chatgpt", "c25a")).isNotNull();
        assertThat(messages(store, byRef(store, "chatgpt", "c25b"))).hasSize(2);
    }

    @Test
    void parentLinksAloneGiveTheRealBranchesAndNoPrefixBranch() throws Exception {
        importExport();
        Session main = byRef(store, "chatgpt", "c25a");
        List<Message> m = messages(store, main);
        assertThat(m).extracting(Message::messageId).as("hidden context and empty thoughts are not messages")
                .containsExactly("u1", "a1", "t1", "a2", "u3", "a3", "t3", "th2", "a4");
        Session regenerated = byRef(store, "chatgpt", "c25a#branch-a2b");
        assertThat(regenerated.parentSessionId()).isEqualTo(main.id());
        assertThat(regenerated.parentSeq()).isEqualTo(3);
        assertThat(messages(store, regenerated)).extracting(Message::messageId).containsExactly("u1", "a1", "t1", "a2b");
        // Without derived children, a1, t1, u3 … would each have looked like a leaf of its own.
        assertThat(store.sessions().list(dev.sessiondesk.store.SessionQuery.all()).stream()
                .filter(s -> s.title() != null && s.title().startsWith("Python arithmetic")).count())
                .as("the main session, the regenerated reply and the stray node's split")
                .isEqualTo(3);
        assertThat(store.verifier().verifySession(regenerated.id()).ok()).isTrue();
    }

    @Test
    void codeForAToolIsAToolCallAndItsErrorAnErrorPairedWithIt() throws Exception {
        importExport();
        List<Message> m = messages(store, byRef(store, "chatgpt", "c25a"));
        JsonNode call = item(m.get(1));
        assertThat(call.path("type").asText()).isEqualTo("toolRequest");
        assertThat(call.path("toolCall").path("value").path("name").asText()).isEqualTo("python");
        assertThat(call.path("toolCall").path("value").path("arguments").path("code").asText())
                .isEqualTo("# add the numbers\nprint(1+1)");
        JsonNode ok = item(m.get(2));
        assertThat(ok.path("type").asText()).isEqualTo("toolResponse");
        assertThat(ok.path("id").asText()).as("the result is filed under its request").isEqualTo("a1");
        assertThat(ok.path("toolResult").path("status").asText()).isEqualTo("success");
        JsonNode failed = item(m.get(6));
        assertThat(failed.path("id").asText()).isEqualTo("a3");
        assertThat(failed.path("toolResult").path("status").asText()).isEqualTo("error");
        assertThat(failed.path("toolResult").path("error").asText()).contains("FileNotFoundError").contains("x.txt");
        JsonNode thinking = item(m.get(7));
        assertThat(thinking.path("type").asText()).isEqualTo("thinking");
        assertThat(thinking.path("thinking").asText()).contains("File missing").contains("say so");
    }

    @Test
    void archivedConversationsArriveArchived() throws Exception {
        importExport();
        assertThat(byRef(store, "chatgpt", "c25a").archivedAt()).isEqualTo(1740000100500L);
        assertThat(byRef(store, "chatgpt", "c25b").archivedAt()).isNull();
    }

    @Test
    void aMissingParentAndADuplicatedConversationAreLocatedWarnings() throws Exception {
        ImportReport report = importExport();
        assertThat(report.notes()).anySatisfy(n -> {
            assertThat(n.where()).startsWith("conversations-000.json");
            assertThat(n.reason()).contains("mapping[\"stray\"].parent").contains("\"gone-node\" is not in the mapping");
        });
        assertThat(report.notes()).anySatisfy(n -> {
            assertThat(n.where()).startsWith("conversations-001.json");
            assertThat(n.reason()).contains("$[1]: conversation id \"c25b\" appears again (first at conversations-001.json $[0])");
        });
        assertThat(messages(store, byRef(store, "chatgpt", "c25b"))).as("no duplicate messages").hasSize(2);
    }

    private static JsonNode item(Message m) throws Exception {
        return CanonicalJson.MAPPER.readTree(m.contentJson()).get(0);
    }
}
