package dev.sessiondesk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.app.sync.SyncReport;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server away, the connection cut mid-pull, the server ending every session mid-push (as a restart does). */
class SyncFaultsTest {
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
    void aConnectionCutMidPullIsReportedAndTheNextSyncCompletesWithNothingLostOrDoubled() throws Exception {
        Session s;
        try (SyncDevice a = new SyncDevice(tmp.resolve("a"), pg.url())) {
            s = a.store.sessions().create(NewSession.titled("Big", null));
            List<NewMessage> batch = new ArrayList<>();
            for (int i = 1; i <= 9_000; i++) {
                batch.add(NewMessage.text(i % 2 == 1 ? Role.USER : Role.ASSISTANT, "message " + i));
            }
            a.store.messages().appendAll(s.id(), batch);
            assertThat(a.syncOk().pushed()).isEqualTo(9_000);
        }
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", pg.port());
             SyncDevice b = new SyncDevice(tmp.resolve("b"), pg.url("127.0.0.1", proxy.port()))) {
            AtomicBoolean cut = new AtomicBoolean();
            SyncReport first = b.sync.syncNow((done, total) -> {
                if (done >= 2_000 && cut.compareAndSet(false, true)) {
                    proxy.cut(); // the network goes away after the first page
                }
            });
            assertThat(cut).isTrue();
            assertThat(first.failure()).contains("cannot reach the sync server");
            assertThat(first.offline()).isTrue();
            int partial = b.store.sessions().require(s.id()).messageCount();
            assertThat(partial).isBetween(2_000, 8_999);
            assertThat(b.store.verifier().verifySession(s.id()).ok()).isTrue();
            SyncReport second = b.syncOk();
            assertThat(second.pulled()).isEqualTo(9_000 - partial);
            assertThat(b.store.sessions().require(s.id()).messageCount()).isEqualTo(9_000);
            assertThat(b.store.verifier().verifySession(s.id()).ok()).isTrue();
        }
    }

    @Test
    void theServerEndingEverySessionMidPushLosesAndDoublesNothing() throws Exception {
        try (SyncDevice a = new SyncDevice(tmp.resolve("a"), pg.url());
             SyncDevice b = new SyncDevice(tmp.resolve("b"), pg.url())) {
            Session s = a.store.sessions().create(NewSession.titled("Restarted", null));
            a.syncOk();
            for (int round = 0; round < 4; round++) {
                List<NewMessage> batch = new ArrayList<>();
                for (int i = 0; i < 2_000; i++) {
                    batch.add(NewMessage.text(Role.USER, "round " + round + " message " + i));
                }
                a.store.messages().appendAll(s.id(), batch);
                long delay = 5 + round * 7L;
                Thread killer = new Thread(() -> {
                    try (Connection c = pg.connect(); Statement st = c.createStatement()) {
                        Thread.sleep(delay);
                        // What a server restart does to every client: its backend ends mid-transaction.
                        st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                                + " AND pid <> pg_backend_pid()");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                killer.start();
                a.syncNow(); // may fail part-way
                killer.join();
            }
            SyncReport last = a.syncOk();
            assertThat(last.failure()).isNull();
            assertThat(a.sync.ledger().waitingMessages()).isZero();
            b.syncOk();
            try (Connection c = pg.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT canonical), max(seq)"
                         + " FROM sessiondesk.messages WHERE session_id = '" + s.id() + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(8_000);
                assertThat(rs.getInt(2)).isEqualTo(8_000);
                assertThat(rs.getInt(3)).isEqualTo(8_000);
            }
            assertThat(b.store.sessions().require(s.id()).headHash()).isEqualTo(a.store.sessions().require(s.id()).headHash());
            assertThat(b.store.verifier().verifySession(s.id()).ok()).isTrue();
        }
    }
}
