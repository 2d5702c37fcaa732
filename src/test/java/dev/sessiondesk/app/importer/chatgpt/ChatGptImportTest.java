package dev.sessiondesk.app.importer.chatgpt;

import static dev.sessiondesk.app.importer.ImportTestSupport.byRef;
import static dev.sessiondesk.app.importer.ImportTestSupport.fixture;
import static dev.sessiondesk.app.importer.ImportTestSupport.importPath;
import static dev.sessiondesk.app.importer.ImportTestSupport.messages;
import static dev.sessiondesk.app.importer.ImportTestSupport.sessionCount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.importer.ImportOptions;
import dev.sessiondesk.app.importer.ImportReport;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import dev.sessiondesk.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatGptImportTest {
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

    @Test
    void theActivePathIsTheSessionWithCodeToolOutputAndImagesKept() throws IOException {
        ImportReport report = importPath(store, fixture("chatgpt/conversations.json"), ImportOptions.defaults());

        assertThat(report.imported()).isEqualTo(4);
        assertThat(report.skipped()).isEmpty();
        Session s = byRef(store, "chatgpt", "conv-a");
        assertThat(s.title()).isEqualTo("Rain haiku and powers of two");
        assertThat(s.titleSource()).isEqualTo(TitleSource.AUTO);
        assertThat(s.createdAt()).isEqualTo(1704629915770L);
        List<Message> m = messages(store, s);
        assertThat(m).extracting(Message::messageId).as("system and hidden messages are skipped")
                .containsExactly("u1", "a1", "u2", "c1", "t1", "a3");
        assertThat(m).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT,
                Role.ASSISTANT, Role.ASSISTANT);
        assertThat(m.get(0).contentJson()).contains("\"type\":\"chatgptPart\"").contains("file-service://file-abc")
                .contains("Write a haiku about this rain");
        assertThat(m.get(0).created()).isEqualTo(1704629916L);
        // Code the assistant sent to the python tool is a tool call (issue 16), its output filed under it.
        assertThat(m.get(3).contentJson()).contains("\"type\":\"toolRequest\"").contains("\"name\":\"python\"")
                .contains("\"code\":\"print(2**10)\"");
        assertThat(ContentItems.plainText(m.get(3).contentJson())).isEmpty();
        assertThat(m.get(4).contentJson()).contains("\"type\":\"toolResponse\"").contains("\"tool\":\"python\"")
                .contains("\"id\":\"c1\"").contains("1024");
        assertThat(store.verifier().verifySession(s.id()).ok()).isTrue();
    }

    @Test
    void otherBranchesBecomeForksLinkedToTheMainSession() throws IOException {
        importPath(store, fixture("chatgpt/conversations.json"), ImportOptions.defaults());
        Session main = byRef(store, "chatgpt", "conv-a");
        List<Message> mainMessages = messages(store, main);

        Session regenerated = byRef(store, "chatgpt", "conv-a#branch-a1b");
        assertThat(regenerated.parentSessionId()).isEqualTo(main.id());
        assertThat(regenerated.parentSeq()).isEqualTo(1);
        assertThat(regenerated.title()).startsWith("Rain haiku and powers of two (branch");
        List<Message> r = messages(store, regenerated);
        assertThat(r).extracting(Message::messageId).containsExactly("u1", "a1b");
        assertThat(r.get(0).hash()).as("the shared prefix hashes like the parent's").isEqualTo(mainMessages.get(0).hash());

        Session edited = byRef(store, "chatgpt", "conv-a#branch-a2e");
        assertThat(edited.parentSessionId()).isEqualTo(main.id());
        assertThat(edited.parentSeq()).isEqualTo(2);
        List<Message> e = messages(store, edited);
        assertThat(e).extracting(Message::messageId).containsExactly("u1", "a1", "u2e", "a2e");
        assertThat(e.get(3).contentJson()).as("an unknown content type is kept verbatim")
                .contains("\"type\":\"chatgptContent\"").contains("https://example.org/powers");
    }

    @Test
    void aConversationWithoutTitleOrCurrentNodeFollowsTheLastChildAndGetsADerivedTitle() throws IOException {
        importPath(store, fixture("chatgpt/conversations.json"), ImportOptions.defaults());

        Session b = byRef(store, "chatgpt", "conv-b");
        assertThat(b.title()).isEqualTo("How long do I boil an egg?");
        List<Message> m = messages(store, b);
        assertThat(m).hasSize(2);
        assertThat(m.get(1).created()).as("a missing time stamp takes the previous one").isEqualTo(1705000001L);
    }

    @Test
    void importingTheExportTwiceChangesNothing() throws IOException {
        importPath(store, fixture("chatgpt/conversations.json"), ImportOptions.defaults());

        ImportReport again = importPath(store, fixture("chatgpt/conversations.json"), ImportOptions.defaults());

        assertThat(again.imported()).isZero();
        assertThat(again.alreadyPresent()).isEqualTo(4);
        assertThat(sessionCount(store)).isEqualTo(4);
    }

    @Test
    void aMalformedConversationIsLocatedByJsonPathAndTheOthersImport() throws IOException {
        Path file = tmp.resolve("conversations.json");
        Files.writeString(file, Files.readString(fixture("chatgpt/conversations.json"))
                .replace("\"parts\": [\"It is 1024.\"]", "\"parts\": \"It is 1024.\""));

        ImportReport report = importPath(store, file, ImportOptions.defaults());

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.skipped()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("conversations.json:2:3");
            assertThat(p.reason()).isEqualTo("$[0].mapping[\"a3\"].message.content.parts: must be an array");
        });
        assertThat(store.sessions().findByExternalRef("chatgpt", "conv-a")).isEmpty();
        assertThat(byRef(store, "chatgpt", "conv-b").messageCount()).isEqualTo(2);
    }
}
