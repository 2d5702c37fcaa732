package dev.sessiondesk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.sync.SyncReport;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import dev.sessiondesk.store.SessionQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delete Forever is per device: the trash syncs (every device shows the session in its trash), but
 * purging it frees only this device. The server and the other devices keep their copy, and later
 * changes from them must not bring the session back here as an empty shell whose messages are
 * refused (which is what a pull did before it remembered the purge).
 */
class PurgeSyncTest {
    @TempDir
    Path tmp;

    @Test
    void aSessionPurgedOnOneDeviceStaysGoneThereWhileTheOtherDeviceKeepsWritingToIt() throws Exception {
        try (PgTestServer pg = PgTestServer.create();
             SyncDevice a = new SyncDevice(tmp.resolve("a"), pg.url());
             SyncDevice b = new SyncDevice(tmp.resolve("b"), pg.url())) {
            Session s = a.store.sessions().create(NewSession.titled("Shared, then purged on b", null));
            a.store.messages().append(s.id(), NewMessage.text(Role.USER, "one"));
            a.store.messages().append(s.id(), NewMessage.text(Role.ASSISTANT, "two"));
            a.syncOk();
            b.syncOk();
            assertThat(b.store.sessions().require(s.id()).messageCount()).isEqualTo(2);

            b.store.sessions().trash(s.id());
            b.syncOk(); // the trash reaches the server and a
            b.store.sessions().purge(s.id());
            assertThat(b.syncOk().pushed()).isZero();

            a.syncOk();
            assertThat(a.store.sessions().require(s.id()).inTrash()).isTrue();
            a.store.sessions().restore(s.id()); // a keeps using it
            a.store.messages().append(s.id(), NewMessage.text(Role.USER, "three, after b purged it"));
            a.syncOk();

            SyncReport r = b.syncOk();
            assertThat(r.refused()).isEmpty();
            assertThat(b.store.sessions().get(s.id())).as("the purged session on b").isEmpty();
            assertThat(b.store.sessions().list(SessionQuery.all())).extracting(Session::id).doesNotContain(s.id());
            assertThat(b.store.verifier().verifyAll(false).ok()).isTrue();

            assertThat(a.store.sessions().require(s.id()).messageCount()).isEqualTo(3);
            try (Connection c = pg.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM sessiondesk.messages WHERE session_id = '" + s.id() + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the server keeps the session's messages").isEqualTo(3);
            }
            try (SyncDevice fresh = new SyncDevice(tmp.resolve("c"), pg.url())) {
                fresh.syncOk();
                assertThat(fresh.store.sessions().require(s.id()).messageCount()).as("a new device gets it whole").isEqualTo(3);
            }
        }
    }
}
