package dev.sessiondesk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.sync.SyncReport;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.SessionQuery;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConflictBranchTest {
    @TempDir
    Path tmp;
    PgTestServer pg;

    @BeforeEach
    void server() {
        pg = PgTestServer.create();
    }

    @AfterEach
    void drop() {
        pg.close();
    }

    @Test
    void twoDevicesWritingOneSessionWhileApartEndWithTheSameSessionAndABranchHoldingTheLaterTail() {
        try (SyncDevice a = new SyncDevice(tmp.resolve("a"), pg.url());
             SyncDevice b = new SyncDevice(tmp.resolve("b"), pg.url())) {
            Session s = a.store.sessions().create(NewSession.titled("Trip plan", null));
            a.store.messages().append(s.id(), NewMessage.text(Role.USER, "common 1"));
            a.store.messages().append(s.id(), NewMessage.text(Role.ASSISTANT, "common 2"));
            a.syncOk();
            b.syncOk();

            // Apart: both append to the same session.
            a.store.messages().append(s.id(), NewMessage.text(Role.USER, "a 3"));
            a.store.messages().append(s.id(), NewMessage.text(Role.ASSISTANT, "a 4"));
            b.store.messages().append(s.id(), NewMessage.text(Role.USER, "b 3"));
            String bTailHash = b.store.sessions().require(s.id()).headHash();

            assertThat(a.syncOk().pushed()).isEqualTo(2);
            SyncReport onB = b.syncOk();
            assertThat(onB.branches()).hasSize(1);
            assertThat(onB.branches().get(0)).contains("Trip plan").contains("branch from");
            SyncReport onA = a.syncOk();
            assertThat(onA.branches()).hasSize(1);
            assertThat(onA.branches().get(0)).contains("branch");

            for (SyncDevice d : List.of(a, b)) {
                Session main = d.store.sessions().require(s.id());
                assertThat(main.messageCount()).isEqualTo(4);
                assertThat(d.store.messages().list(s.id())).extracting(m -> text(m))
                        .containsExactly("common 1", "common 2", "a 3", "a 4");
                assertThat(d.store.verifier().verifySession(s.id()).ok()).isTrue();
                List<Session> branches = d.store.sessions().list(SessionQuery.all()).stream()
                        .filter(x -> s.id().equals(x.parentSessionId())).toList();
                assertThat(branches).as("branch on %s", d.dir).hasSize(1);
                Session branch = branches.get(0);
                assertThat(branch.parentSeq()).isEqualTo(2);
                assertThat(branch.title()).startsWith("Trip plan — branch from ");
                assertThat(branch.headHash()).isEqualTo(bTailHash); // the tail's hashes did not change
                List<Message> own = d.store.messages().list(branch.id());
                assertThat(text(own.get(own.size() - 1))).isEqualTo("b 3");
                assertThat(d.store.verifier().verifySession(branch.id()).ok()).isTrue();
            }
            assertThat(b.sync.ledger().waitingMessages()).isZero();
            assertThat(a.syncOk().pulled()).isZero();
        }
    }

    static String text(Message m) {
        return dev.sessiondesk.model.ContentItems.plainText(m.contentJson());
    }
}
