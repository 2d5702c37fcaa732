package dev.sessiondesk.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondesk.app.sync.SyncReport;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server refuses rows that are not content-addressed; a device refuses pulled messages that do not hash. */
class ServerChecksTest {
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
    void aPulledMessageWhoseHashDoesNotMatchItsContentIsRefusedReportedAndNotStored() throws Exception {
        try (SyncDevice a = new SyncDevice(tmp.resolve("a"), pg.url());
             SyncDevice b = new SyncDevice(tmp.resolve("b"), pg.url())) {
            Session s = a.store.sessions().create(NewSession.titled("Tampered", null));
            a.store.messages().append(s.id(), NewMessage.text(Role.USER, "the real text"));
            a.store.messages().append(s.id(), NewMessage.text(Role.ASSISTANT, "second"));
            a.syncOk();
            try (Connection c = pg.connect(); Statement st = c.createStatement()) {
                // A hostile or broken server: its own check is gone and a row's text was changed.
                st.execute("ALTER TABLE sessiondesk.messages DROP CONSTRAINT messages_content_addressed");
                st.execute("UPDATE sessiondesk.messages SET canonical = replace(canonical, 'the real text', 'forged text')"
                        + " WHERE session_id = '" + s.id() + "' AND seq = 1");
            }
            SyncReport r = b.syncNow();
            assertThat(r.ok()).isFalse();
            assertThat(r.refused()).hasSize(1); // the rest of that session waits behind the refused message
            assertThat(r.refused().get(0)).contains("message 1 of session " + s.id()).contains("hash does not match");
            assertThat(r.summaryLine()).contains("refused 1");
            assertThat(b.store.sessions().require(s.id()).messageCount()).isZero();
            assertThat(b.store.messages().list(s.id())).isEmpty();
        }
    }

    @Test
    void theServerItselfRejectsAMessageThatDoesNotContinueItsChainOrDoesNotHash() throws Exception {
        try (SyncDevice a = new SyncDevice(tmp.resolve("a"), pg.url())) {
            Session s = a.store.sessions().create(NewSession.titled("Chain", null));
            a.store.messages().append(s.id(), NewMessage.text(Role.USER, "one"));
            a.syncOk();
            try (Connection c = pg.connect(); Statement st = c.createStatement()) {
                String zeros = "0".repeat(64);
                assertThatThrownBy(() -> st.execute("INSERT INTO sessiondesk.messages(session_id, seq, role, created,"
                        + " content, canonical, hash, prev_hash, device_id, user_visible, agent_visible) SELECT '" + s.id()
                        + "', 2, 'user', 1, '[]', 'x', encode(sha256(decode('" + zeros + "','hex') || convert_to('x','UTF8')),'hex'), '"
                        + zeros + "', 'intruder', true, true"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("does not continue the server's chain");
                assertThatThrownBy(() -> st.execute("INSERT INTO sessiondesk.messages(session_id, seq, role, created,"
                        + " content, canonical, hash, prev_hash, device_id, user_visible, agent_visible) SELECT '" + s.id()
                        + "', 2, 'user', 1, '[]', 'x', '" + zeros + "', head_hash, 'intruder', true, true"
                        + " FROM sessiondesk.sessions WHERE id = '" + s.id() + "'"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("messages_content_addressed");
            }
        }
    }
    @Test
    void aServerSchemaFromANewerSessionDeskMakesSyncReadOnlyWithAClearReasonAndKeepsLocalChangesQueued() throws Exception {
        try (SyncDevice a = new SyncDevice(tmp.resolve("a"), pg.url())) {
            Session s = a.store.sessions().create(NewSession.titled("Before the upgrade", null));
            a.store.messages().append(s.id(), NewMessage.text(Role.USER, "pushed while the versions matched"));
            a.syncOk();
        }
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            // What a newer SessionDesk's migration leaves behind: a version this app does not know.
            st.execute("INSERT INTO sessiondesk.schema_version(version, description, app_version)"
                    + " SELECT max(version) + 1, 'from a newer SessionDesk', '99.0' FROM sessiondesk.schema_version");
        }
        try (SyncDevice a = new SyncDevice(tmp.resolve("a"), pg.url());
             SyncDevice b = new SyncDevice(tmp.resolve("b"), pg.url())) {
            String id = a.store.sessions().list(dev.sessiondesk.store.SessionQuery.all()).get(0).id();
            a.store.messages().append(id, NewMessage.text(Role.ASSISTANT, "written after the server was upgraded"));
            SyncReport r = a.syncNow();
            assertThat(r.failure()).isNull();
            assertThat(r.pushed()).isZero();
            assertThat(r.readOnlyReason()).contains("newer SessionDesk").contains("only reads from it until SessionDesk is updated");
            assertThat(r.summaryLine()).contains("newer SessionDesk");
            assertThat(r.waiting()).as("the local message stays queued for when the app is updated").isEqualTo(1);
            SyncReport pulled = b.syncNow();
            assertThat(pulled.readOnlyReason()).isNotNull();
            assertThat(pulled.pulled()).as("reading still works").isEqualTo(1);
            try (Connection c = pg.connect(); Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM sessiondesk.messages")) {
                rs.next();
                assertThat(rs.getInt(1)).as("nothing written to the newer schema").isEqualTo(1);
            }
            try (Connection c = pg.connect(); Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM sessiondesk.devices")) {
                rs.next();
                assertThat(rs.getInt(1)).as("device b did not register itself either").isEqualTo(1);
            }
        }
    }
}
