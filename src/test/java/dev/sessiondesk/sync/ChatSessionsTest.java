package dev.sessiondesk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.store.NewSession;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seeds' tables on the server: chat_sessions with set_active_session, and the agent sessions view. */
class ChatSessionsTest {
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
    void concurrentSwitchesLeaveExactlyOneActiveSessionAndNoUpdatedAtChanged() throws Exception {
        List<String> ids = new ArrayList<>();
        try (SyncDevice a = new SyncDevice(tmp.resolve("a"), pg.url())) {
            for (int i = 0; i < 6; i++) {
                Session s = a.store.sessions().create(NewSession.titled("Chat " + i, null));
                a.store.messages().append(s.id(), NewMessage.text(Role.USER, "hello " + i));
                ids.add(s.id());
            }
            a.syncOk();
        }
        String user;
        Map<String, Timestamp> before = new HashMap<>();
        try (Connection c = pg.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, user_id, updated_at FROM sessiondesk.chat_sessions")) {
            user = null;
            while (rs.next()) {
                before.put(rs.getString(1), rs.getTimestamp(3));
                user = rs.getString(2);
            }
        }
        assertThat(before.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        String owner = user;
        int threads = 8;
        int rounds = 40;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            results.add(pool.submit((Callable<Integer>) () -> {
                int ok = 0;
                try (Connection c = pg.connect();
                     PreparedStatement ps = c.prepareStatement("SELECT sessiondesk.set_active_session(?::uuid, ?)");
                     PreparedStatement check = c.prepareStatement(
                             "SELECT count(*) FROM sessiondesk.chat_sessions WHERE user_id = ?::uuid AND is_active")) {
                    go.await();
                    for (int i = 0; i < rounds; i++) {
                        ps.setString(1, owner);
                        ps.setString(2, ids.get((seed * 7 + i) % ids.size()));
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            ok += rs.getBoolean(1) ? 1 : 0;
                        }
                        check.setString(1, owner);
                        try (ResultSet rs = check.executeQuery()) {
                            rs.next();
                            if (rs.getInt(1) != 1) {
                                throw new AssertionError("a reader saw " + rs.getInt(1) + " active sessions");
                            }
                        }
                    }
                }
                return ok;
            }));
        }
        go.countDown();
        int switched = 0;
        for (Future<Integer> f : results) {
            switched += f.get();
        }
        pool.shutdown();
        assertThat(switched).isEqualTo(threads * rounds);
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id, updated_at, is_active FROM sessiondesk.chat_sessions")) {
                int active = 0;
                while (rs.next()) {
                    assertThat(rs.getTimestamp(2)).as("updated_at of %s", rs.getString(1)).isEqualTo(before.get(rs.getString(1)));
                    active += rs.getBoolean(3) ? 1 : 0;
                }
                assertThat(active).isEqualTo(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT sessiondesk.set_active_session('" + owner + "', 'no-such-session')")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isFalse();
            }
        }
    }

    @Test
    void agentProjectSessionsAppearInTheSessionsShapedView() throws Exception {
        try (SyncDevice a = new SyncDevice(tmp.resolve("a"), pg.url())) {
            Session s = a.store.sessions().create(NewSession.titled("Fix the login bug", "/home/me/code/shop"));
            a.store.writer().write("record an agent session", c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_sessions(session_id, project_dir, slug,"
                        + " session_dir, status, session_type, synced_at) VALUES (?,?,?,?,?,?,?)")) {
                    ps.setString(1, s.id());
                    ps.setString(2, "/home/me/code/shop");
                    ps.setString(3, "fix-login");
                    ps.setString(4, "/home/me/code/shop/agents/sessions/fix-login");
                    ps.setString(5, "in_progress");
                    ps.setString(6, "bugfix");
                    ps.setLong(7, System.currentTimeMillis());
                    ps.executeUpdate();
                }
                return null;
            });
            a.syncOk();
        }
        try (Connection c = pg.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT slug, title, status, session_type, working_dir, session_dir, project"
                     + " FROM sessiondesk.agent_sessions")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("fix-login");
            assertThat(rs.getString(2)).isEqualTo("Fix the login bug");
            assertThat(rs.getString(3)).isEqualTo("in_progress");
            assertThat(rs.getString(4)).isEqualTo("bugfix");
            assertThat(rs.getString(5)).isEqualTo("/home/me/code/shop");
            assertThat(rs.getString(6)).isEqualTo("/home/me/code/shop/agents/sessions/fix-login");
            assertThat(rs.getString(7)).isEqualTo("shop");
            assertThat(rs.next()).isFalse();
        }
    }
}
