package dev.sessiondesk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.sync.SyncReport;
import dev.sessiondesk.app.tasks.Workers;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoDeviceSyncTest {
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
    void messagesWrittenOnOneDeviceArriveOnTheOtherWithTheSameChain() throws Exception {
        try (SyncDevice a = new SyncDevice(tmp.resolve("a"), pg.url());
             SyncDevice b = new SyncDevice(tmp.resolve("b"), pg.url())) {
            Session s = a.store.sessions().create(NewSession.titled("Release notes", "/tmp"));
            for (int i = 1; i <= 3; i++) {
                a.store.messages().append(s.id(), NewMessage.text(i % 2 == 1 ? Role.USER : Role.ASSISTANT, "from a " + i));
            }
            assertThat(a.store.sessions().require(s.id()).messageCount()).isEqualTo(3);
            SyncReport pushedA = a.syncOk();
            assertThat(pushedA.pushed()).isEqualTo(3);
            assertThat(a.sync.ledger().waitingMessages()).isZero();

            SyncReport pulledB = b.syncOk();
            assertThat(pulledB.pulled()).isEqualTo(3);
            Session onB = b.store.sessions().require(s.id());
            assertThat(onB.title()).isEqualTo("Release notes");
            assertThat(onB.headHash()).isEqualTo(a.store.sessions().require(s.id()).headHash());
            assertThat(b.store.verifier().verifySession(s.id()).ok()).isTrue();

            b.store.messages().append(s.id(), NewMessage.text(Role.USER, "from b 4"));
            b.store.messages().append(s.id(), NewMessage.text(Role.ASSISTANT, "from b 5"));
            assertThat(b.syncOk().pushed()).isEqualTo(2);
            assertThat(a.syncOk().pulled()).isEqualTo(2);
            List<Message> onA = a.store.messages().list(s.id());
            assertThat(onA).extracting(Message::seq).containsExactly(1, 2, 3, 4, 5);
            assertThat(onA.get(4).contentJson()).contains("from b 5");
            assertThat(a.store.sessions().require(s.id()).headHash()).isEqualTo(b.store.sessions().require(s.id()).headHash());
            assertThat(a.store.verifier().verifySession(s.id()).ok()).isTrue();

            // Nothing new: a second exchange moves nothing, in either direction.
            SyncReport again = a.syncOk();
            assertThat(again.pushed()).isZero();
            assertThat(again.pulled()).isZero();
            assertThat(b.syncOk().pulled()).isZero();

            try (Connection c = pg.connect(); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT device_id), max(change_no)"
                        + " FROM sessiondesk.messages WHERE session_id = '" + s.id() + "'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(5);
                    assertThat(rs.getInt(2)).isEqualTo(2);
                }
                try (ResultSet rs = st.executeQuery("SELECT content->0->>'text', role FROM sessiondesk.messages"
                        + " WHERE session_id = '" + s.id() + "' AND seq = 4")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("from b 4");
                    assertThat(rs.getString(2)).isEqualTo("user");
                }
                try (ResultSet rs = st.executeQuery("SELECT title, message_count, is_active FROM sessiondesk.chat_sessions"
                        + " WHERE id = '" + s.id() + "'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("Release notes");
                    assertThat(rs.getInt(2)).isEqualTo(5);
                    assertThat(rs.getBoolean(3)).isFalse();
                }
                try (ResultSet rs = st.executeQuery("SELECT max(version) FROM sessiondesk.schema_version")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void aForkPushesOnlyItsOwnMessagesAndContinuesItsParentsChainOnTheOtherDevice() throws Exception {
        try (SyncDevice a = new SyncDevice(tmp.resolve("a"), pg.url());
             SyncDevice b = new SyncDevice(tmp.resolve("b"), pg.url())) {
            Session parent = a.store.sessions().create(NewSession.titled("Parent", null));
            for (int i = 1; i <= 4; i++) {
                a.store.messages().append(parent.id(), NewMessage.text(Role.USER, "parent " + i));
            }
            Session fork = a.store.messages().fork(parent.id(), 2);
            a.store.messages().append(fork.id(), NewMessage.text(Role.USER, "fork 3"));
            a.syncOk();
            b.syncOk();
            try (Connection c = pg.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT s.parent_session_id, s.parent_seq, s.base_seq,"
                         + " (SELECT array_agg(seq ORDER BY seq) FROM sessiondesk.messages m WHERE m.session_id = s.id)::text"
                         + " FROM sessiondesk.sessions s WHERE id = '" + fork.id() + "'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(parent.id());
                assertThat(rs.getInt(2)).isEqualTo(2);
                assertThat(rs.getInt(3)).isEqualTo(2);
                assertThat(rs.getString(4)).isEqualTo("{3}");
            }
            Session onB = b.store.sessions().require(fork.id());
            assertThat(onB.parentSessionId()).isEqualTo(parent.id());
            assertThat(onB.parentSeq()).isEqualTo(2);
            assertThat(onB.messageCount()).isEqualTo(3);
            assertThat(onB.headHash()).isEqualTo(a.store.sessions().require(fork.id()).headHash());
            assertThat(b.store.verifier().verifySession(fork.id()).ok()).isTrue();
            assertThat(b.store.verifier().verifySession(parent.id()).ok()).isTrue();
        }
    }

    @Test
    void aPullNobodyAskedAboutStillTellsTheProgressListenerHowFarItCame() throws Exception {
        try (SyncDevice a = new SyncDevice(tmp.resolve("a"), pg.url());
             SyncDevice b = new SyncDevice(tmp.resolve("b"), pg.url())) {
            Session s = a.store.sessions().create(NewSession.titled("Long", null));
            List<NewMessage> many = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                many.add(NewMessage.text(i % 2 == 0 ? Role.USER : Role.ASSISTANT, "message " + i));
            }
            a.store.messages().appendAll(s.id(), many);
            a.syncOk();

            // The GUI listens once; live sync's exchanges (which pass no progress of their own) report to it.
            List<long[]> seen = new ArrayList<>();
            b.sync.onProgress((done, total) -> seen.add(new long[] {done, total}));
            assertThat(b.syncOk().pulled()).isEqualTo(5_000);
            assertThat(seen).hasSizeGreaterThanOrEqualTo(3); // pages of 2,000
            assertThat(seen).allSatisfy(p -> assertThat(p[1]).isEqualTo(5_000));
            for (int i = 1; i < seen.size(); i++) {
                assertThat(seen.get(i)[0]).isGreaterThan(seen.get(i - 1)[0]);
            }
            assertThat(seen.get(seen.size() - 1)[0]).isEqualTo(5_000);

            seen.clear();
            assertThat(b.syncOk().pulled()).isZero();
            assertThat(seen).isEmpty(); // an exchange that pulls nothing shows no bar
        }
    }

    @Test
    void devicesSharingTheRootsWorkersStillPrefetchAfterOneOfThemClosed() throws Exception {
        try (Workers root = Workers.logging(); SyncDevice a = new SyncDevice(tmp.resolve("a"), pg.url())) {
            Session s = a.store.sessions().create(NewSession.titled("Long", null));
            a.store.messages().appendAll(s.id(), texts(0, 4_500));
            a.syncOk();
            // b's first RemoteSync pulls in pages (the prefetch runs on a thread from root), then closes, as a
            // restore or new sync settings close the open store's; a second one on the same Workers pulls again.
            try (SyncDevice other = new SyncDevice(tmp.resolve("other"), pg.url(), root)) {
                assertThat(other.syncOk().pulled()).isEqualTo(4_500);
            }
            a.store.messages().appendAll(s.id(), texts(4_500, 4_500));
            a.syncOk();
            try (SyncDevice b = new SyncDevice(tmp.resolve("b"), pg.url(), root)) {
                assertThat(b.syncOk().pulled()).isEqualTo(9_000);
                assertThat(b.store.sessions().require(s.id()).messageCount()).isEqualTo(9_000);
                assertThat(b.store.verifier().verifySession(s.id()).ok()).isTrue();
            }
        }
    }

    private static List<NewMessage> texts(int from, int n) {
        List<NewMessage> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            out.add(NewMessage.text(i % 2 == 0 ? Role.USER : Role.ASSISTANT, "message " + i));
        }
        return out;
    }
}
