package dev.sessiondesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Message;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.model.Session;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema 5 turns the forks older versions copied into forks by reference, losing nothing. */
class ForkCompactionMigrationTest {
    @TempDir
    Path dir;

    /** A schema-4 fork: rows 1..upto copied from {@code from}, then one message of its own; returns its id. */
    private static String legacyFork(Connection c, String parent, String from, int upto, String ownText) throws Exception {
        String id = dev.sessiondesk.model.Ids.newSessionId();
        long now = System.currentTimeMillis();
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO sessions(id, title, title_source, created_at, updated_at, last_activity,"
                    + " message_count, head_hash, parent_session_id, parent_seq) VALUES ('" + id + "', 'fork', 'auto', "
                    + now + ", " + now + ", " + now + ", 0, '', '" + parent + "', " + upto + ")");
            s.executeUpdate("INSERT INTO messages(session_id, seq, message_id, role, created, content_json, user_visible,"
                    + " agent_visible, state, hash, updated_at) SELECT '" + id + "', seq, message_id, role, created,"
                    + " content_json, user_visible, agent_visible, state, hash, updated_at FROM messages"
                    + " WHERE session_id = '" + from + "' AND seq <= " + upto);
        }
        String head;
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM messages WHERE session_id = ? AND seq = ?")) {
            ps.setString(1, id);
            ps.setInt(2, upto);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                head = rs.getString(1);
            }
        }
        NewMessage own = NewMessage.text(Role.USER, ownText);
        own = new NewMessage(null, own.role(), own.created(), CanonicalJson.canonicalize(own.contentJson()), true, true);
        head = HashChain.next(head, own);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages(session_id, seq, role, created,"
                + " content_json, state, hash, updated_at) VALUES (?,?,?,?,?,'complete',?,?)")) {
            ps.setString(1, id);
            ps.setInt(2, upto + 1);
            ps.setString(3, own.role().wire());
            ps.setLong(4, own.created());
            ps.setString(5, own.contentJson());
            ps.setString(6, head);
            ps.setLong(7, now);
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE sessions SET message_count = " + (upto + 1) + ", head_hash = '" + head
                    + "' WHERE id = '" + id + "'");
        }
        return id;
    }

    @Test
    void copiedForksDropTheirCopiesAndOddOnesKeepTheirRows() throws Exception {
        List<LegacyStores.Made> made = LegacyStores.create(dir, 4, 2, 6);
        String a = made.get(0).id();
        String b = made.get(1).id();
        String copied;
        String forkOfFork;
        String differs;
        String orphan;
        try (Connection c = LegacyStores.raw(dir.resolve(Store.FILE_NAME))) {
            copied = legacyFork(c, a, a, 4, "own of copied");
            forkOfFork = legacyFork(c, copied, copied, 5, "own of fork of fork");
            differs = legacyFork(c, b, a, 3, "parent says b, rows are a's");
            orphan = legacyFork(c, "no-such-session", a, 2, "parent purged long ago");
        }
        Map<String, List<String>> before;
        try (Connection c = LegacyStores.raw(dir.resolve(Store.FILE_NAME))) {
            before = Map.of(copied, rows(c, copied), forkOfFork, rows(c, forkOfFork), differs, rows(c, differs),
                    orphan, rows(c, orphan));
        }

        try (Store store = Store.open(dir)) {
            assertThat(store.schemaVersion()).isEqualTo(Schema.CURRENT).isGreaterThanOrEqualTo(5);
            before.forEach((id, texts) -> assertThat(texts(store, id)).as("logical conversation of " + id)
                    .isEqualTo(texts));
            assertThat(store.messages().listOwn(copied)).extracting(Message::seq).containsExactly(5);
            assertThat(store.messages().listOwn(forkOfFork)).extracting(Message::seq).containsExactly(6);
            assertThat(store.messages().listOwn(differs)).hasSize(4);
            assertThat(store.messages().listOwn(orphan)).hasSize(3);
            Session odd = store.sessions().require(differs);
            assertThat(odd.parentSessionId()).as("kept as provenance").isEqualTo(b);
            assertThat(odd.parentSeq()).isNull();
            assertThat(store.sessions().require(orphan).parentSeq()).isNull();
            assertThat(store.sessions().require(copied).parentSeq()).isEqualTo(4);
            assertThat(store.messages().countAll()).isEqualTo(12 + 1 + 1 + 4 + 3);
            assertThat(store.verifier().verifyAll(true).ok()).isTrue();
        }
    }

    private static List<String> rows(Connection c, String id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT content_json FROM messages WHERE session_id = ? ORDER BY seq")) {
            ps.setString(1, id);
            List<String> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(ContentItems.plainText(rs.getString(1)));
                }
            }
            return out;
        }
    }

    private static List<String> texts(Store store, String id) {
        return store.messages().list(id).stream().map(m -> ContentItems.plainText(m.contentJson()))
                .collect(Collectors.toList());
    }
}
