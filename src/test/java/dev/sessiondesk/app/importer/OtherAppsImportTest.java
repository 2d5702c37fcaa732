package dev.sessiondesk.app.importer;

import static dev.sessiondesk.app.importer.ImportTestSupport.byRef;
import static dev.sessiondesk.app.importer.ImportTestSupport.copyFixture;
import static dev.sessiondesk.app.importer.ImportTestSupport.fixture;
import static dev.sessiondesk.app.importer.ImportTestSupport.importPath;
import static dev.sessiondesk.app.importer.ImportTestSupport.messages;
import static dev.sessiondesk.app.importer.ImportTestSupport.sessionCount;
import static dev.sessiondesk.app.importer.ImportTestSupport.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apps people leave for SessionDesk: Claude.ai, Open WebUI, LM Studio, Jan and Chatbox, each from
 * a fixture written from the app's documented or observed export shape (docs/importing.md): detected
 * without --format, every kept field checked, re-imports add nothing, sources untouched.
 */
class OtherAppsImportTest {
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

    private ImportReport importTwiceChecked(Path source) throws Exception {
        TreeMap<String, String> before = snapshot(source);
        ImportReport first = importPath(store, source, ImportOptions.defaults());
        assertThat(first.skipped()).as(String.join("\n", first.summaryLines())).isEmpty();
        int sessions = sessionCount(store);
        ImportReport again = importPath(store, source, ImportOptions.defaults());
        assertThat(again.imported()).as("a re-import adds nothing").isZero();
        assertThat(again.messagesAdded()).isZero();
        assertThat(sessionCount(store)).isEqualTo(sessions);
        assertThat(snapshot(source)).as("the source is never written").isEqualTo(before);
        assertThat(store.verifier().verifyAll(false).ok()).isTrue();
        return first;
    }

    @Test
    void claudeConversationsKeepTextThinkingToolsAndAttachments() throws Exception {
        Path folder = copyFixture("claude", tmp);
        importTwiceChecked(folder);
        Session s = byRef(store, "claude", "c0ffee00-0000-4000-8000-000000000001");
        assertThat(s.title()).isEqualTo("Tide tables");
        assertThat(s.createdAt()).isEqualTo(1741082400000L);
        List<Message> m = messages(store, s);
        assertThat(m).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT);
        assertThat(ContentItems.plainText(m.get(0).contentJson())).contains("When is high tide in Brest?")
                .contains("Attached: notes.txt").contains("tide at 6pm?").contains("chart.png (the file is not in the export)");
        JsonNode reply = CanonicalJson.MAPPER.readTree(m.get(1).contentJson());
        assertThat(reply).extracting(n -> n.path("type").asText())
                .containsExactly("thinking", "toolRequest", "toolResponse", "text");
        assertThat(reply.get(1).path("toolCall").path("value").path("arguments").path("query").asText()).isEqualTo("Brest high tide");
        assertThat(reply.get(2).path("id").asText()).isEqualTo("toolu_1");
        Session untitled = byRef(store, "claude", "c0ffee00-0000-4000-8000-000000000002");
        assertThat(untitled.title()).as("named from what the user wrote").isEqualTo("Old export with text only");
        assertThat(messages(store, untitled)).hasSize(2);
    }

    @Test
    void openWebUiChatsKeepTheirBranchesAndArchivedState() throws Exception {
        importTwiceChecked(fixture("open-webui"));
        Session main = byRef(store, "open-webui", "ow-1");
        assertThat(main.title()).isEqualTo("Three rivers");
        assertThat(main.archivedAt()).isEqualTo(1735000100000L);
        assertThat(messages(store, main)).extracting(Message::messageId).containsExactly("u1", "a1", "u2", "a2");
        Session alternative = byRef(store, "open-webui", "ow-1#branch-a1b");
        assertThat(alternative.parentSessionId()).isEqualTo(main.id());
        assertThat(alternative.parentSeq()).isEqualTo(1);
        assertThat(messages(store, alternative)).extracting(Message::messageId).containsExactly("u1", "a1b");
    }

    @Test
    void lmStudioConversationsFollowTheSelectedVersionAndKeepTheOthers() throws Exception {
        importTwiceChecked(fixture("lmstudio"));
        Session main = byRef(store, "lmstudio", "1730000000000");
        assertThat(main.title()).isEqualTo("Sourdough starter");
        List<Message> m = messages(store, main);
        assertThat(m).hasSize(2);
        assertThat(ContentItems.plainText(m.get(1).contentJson())).isEqualTo("Discard half, then add flour and water 1:1:1.");
        Session other = byRef(store, "lmstudio", "1730000000000#branch-m1v0");
        assertThat(other.parentSeq()).isEqualTo(1);
        assertThat(ContentItems.plainText(messages(store, other).get(1).contentJson()))
                .isEqualTo("Equal weights of flour and water, daily.");
    }

    @Test
    void janThreadsAreSessionsAndEmptyThreadsStayOut() throws Exception {
        ImportReport report = importTwiceChecked(fixture("jan"));
        Session s = byRef(store, "jan", "jan_1733000000");
        assertThat(s.title()).isEqualTo("Packing list");
        assertThat(messages(store, s)).extracting(m -> ContentItems.plainText(m.contentJson()))
                .containsExactly("What should I pack for Lisbon?", "Light layers and good shoes.");
        assertThat(messages(store, s).get(0).created()).isEqualTo(1733000010L);
        assertThat(sessionCount(store)).isEqualTo(1);
        assertThat(report.notes()).extracting(ImportProblem::toString)
                .anySatisfy(n -> assertThat(n).contains("jan_1733000500").contains("no messages"));
    }

    @Test
    void chatboxExportsOfBothShapesImportAndSayWhatStaysBehind() throws Exception {
        ImportReport report = importTwiceChecked(fixture("chatbox/chatbox-exported-data-2024-07-03.json"));
        Session s = byRef(store, "chatbox", "cb-1");
        assertThat(s.title()).isEqualTo("Regex help");
        assertThat(messages(store, s)).extracting(Message::messageId).as("the system prompt is a setting").containsExactly("q1", "r1");
        Session old = byRef(store, "chatbox", "cb-0");
        assertThat(old.title()).as("'Untitled' is no title").isEqualTo("Older export format");
        assertThat(report.notes()).extracting(ImportProblem::toString)
                .anySatisfy(n -> assertThat(n).contains("session:cb-1").contains("1 image(s)"));
    }

    @Test
    void eachExportIsRecognisedByItsContent() throws Exception {
        assertThat(FormatDetector.detect(fixture("claude/conversations.json"), null)).extracting(ImportJob::format)
                .containsExactly(ImportFormat.CLAUDE);
        assertThat(FormatDetector.detect(fixture("chatgpt/conversations.json"), null)).extracting(ImportJob::format)
                .containsExactly(ImportFormat.CHATGPT);
        assertThat(FormatDetector.detect(fixture("open-webui/chat-export-1735000200.json"), null)).extracting(ImportJob::format)
                .containsExactly(ImportFormat.OPEN_WEBUI);
        assertThat(FormatDetector.detect(fixture("lmstudio/1730000000000.conversation.json"), null)).extracting(ImportJob::format)
                .containsExactly(ImportFormat.LM_STUDIO);
        assertThat(FormatDetector.detect(fixture("chatbox/chatbox-exported-data-2024-07-03.json"), null))
                .extracting(ImportJob::format).containsExactly(ImportFormat.CHATBOX);
        assertThat(FormatDetector.detect(fixture("jan"), null)).extracting(ImportJob::format).containsExactly(ImportFormat.JAN);
        assertThat(FormatDetector.detect(fixture("goose-export/export-new.json"), null)).extracting(ImportJob::format)
                .containsExactly(ImportFormat.GOOSE_EXPORT);
    }
}
