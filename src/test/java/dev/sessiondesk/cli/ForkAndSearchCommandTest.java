package dev.sessiondesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.Store;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sessiondesk fork} and {@code sessiondesk search}. */
class ForkAndSearchCommandTest {
    @TempDir
    Path dir;
    CliSession cli;

    @BeforeEach
    void setUp() {
        cli = new CliSession(dir);
    }

    @Test
    void forkCopiesAPrefixAndLeavesTheParentIntact() {
        for (String text : List.of("one", "two", "three", "four")) {
            assertThat(cli.run("add", cli.sessionId, "--role", text.equals("two") || text.equals("four") ? "assistant" : "user",
                    "--text", text).exit()).isZero();
        }
        Session parentBefore = cli.session();
        CliSession.Run r = cli.run("fork", cli.sessionId, "3");
        assertThat(r.exit()).isZero();
        String childId = r.out().strip();
        try (Store store = Store.open(cli.data)) {
            Session parent = store.sessions().require(cli.sessionId);
            assertThat(parent.messageCount()).isEqualTo(4);
            assertThat(parent.headHash()).isEqualTo(parentBefore.headHash());
            assertThat(store.verifier().verifySession(cli.sessionId).ok()).isTrue();

            Session child = store.sessions().require(childId);
            assertThat(child.parentSessionId()).isEqualTo(cli.sessionId);
            assertThat(child.parentSeq()).isEqualTo(3);
            assertThat(child.messageCount()).isEqualTo(3);
            assertThat(store.verifier().verifySession(childId).ok()).isTrue();
            List<Message> p = store.messages().list(cli.sessionId);
            List<Message> c = store.messages().list(childId);
            assertThat(c).extracting(Message::hash).containsExactlyElementsOf(p.subList(0, 3).stream().map(Message::hash).toList());
            assertThat(child.headHash()).isEqualTo(p.get(2).hash());
        }
        CliSession.Run bad = cli.run("fork", cli.sessionId, "9");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("cannot fork session " + cli.sessionId + " at message 9: it has 4 finished messages");
    }

    @Test
    void searchPrintsMatchingSessionsWithSnippets() {
        cli.run("add", cli.sessionId, "--role", "user", "--text", "where did I put the quokka photos");
        cli.run("rename", cli.sessionId, "Photos");
        CliSession.Run r = cli.run("search", "quokka");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(cli.sessionId + "  #1  Photos\n    where did I put the **quokka** photos\n1 session matches\n");
        assertThat(cli.run("search", "\"(unbalanced").out()).isEqualTo("0 sessions match\n");
    }
}
