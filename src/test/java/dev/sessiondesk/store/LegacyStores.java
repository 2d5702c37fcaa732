package dev.sessiondesk.store;

import dev.sessiondesk.model.CanonicalJson;
import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.Ids;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a store exactly as an older SessionDesk left it: only the migrations up to {@code version}
 * run (through {@link Schema#migrate}, on a raw connection), then sessions, hashed messages and
 * windows are inserted with plain SQL, as that version's code would have written them.
 */
public final class LegacyStores {
    private LegacyStores() {
    }

    /** A session the fixture wrote and its fingerprint. */
    public record Made(String id, Fingerprint fingerprint) {
    }

    public static Connection raw(Path db) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
    }

    public static List<Made> create(Path dataDir, int version, int sessions, int messagesEach) throws Exception {
        PrivateFiles.ensureDirectory(dataDir);
        Path db = dataDir.resolve(Store.FILE_NAME);
        PrivateFiles.ensureFile(db);
        List<Made> made = new ArrayList<>();
        try (Connection c = raw(db)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
            }
            c.setAutoCommit(false);
            Schema.migrate(c, 0, version, "0.0.1-legacy");
            long now = System.currentTimeMillis();
            for (int i = 0; i < sessions; i++) {
                String id = Ids.newSessionId();
                String head = HashChain.genesis();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages(session_id, seq, role, created,"
                        + " content_json, state, hash, updated_at) VALUES (?,?,?,?,?,'complete',?,?)")) {
                    insertSession(c, id, "legacy " + i, now);
                    for (int m = 1; m <= messagesEach; m++) {
                        NewMessage msg = NewMessage.text(m % 2 == 1 ? Role.USER : Role.ASSISTANT,
                                "legacy message " + m + " of session " + i);
                        String content = CanonicalJson.canonicalize(msg.contentJson());
                        msg = new NewMessage(null, msg.role(), msg.created(), content, true, true);
                        head = HashChain.next(head, msg);
                        ps.setString(1, id);
                        ps.setInt(2, m);
                        ps.setString(3, msg.role().wire());
                        ps.setLong(4, msg.created());
                        ps.setString(5, content);
                        ps.setString(6, head);
                        ps.setLong(7, now);
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE sessions SET message_count = ?, head_hash = ? WHERE id = ?")) {
                    ps.setInt(1, messagesEach);
                    ps.setString(2, head);
                    ps.setString(3, id);
                    ps.executeUpdate();
                }
                made.add(new Made(id, new Fingerprint(messagesEach, head)));
            }
            c.commit();
        }
        return made;
    }

    /** A window row as that version wrote it. */
    public static void window(Path dataDir, String windowId, String sessionId, Fingerprint fp, int z) throws SQLException {
        try (Connection c = raw(dataDir.resolve(Store.FILE_NAME));
             PreparedStatement ps = c.prepareStatement("INSERT INTO windows(window_id, session_id, x, y, width, height,"
                     + " z_order, fp_count, fp_head, open, updated_at) VALUES (?,?,10,20,800,600,?,?,?,1,?)")) {
            ps.setString(1, windowId);
            ps.setString(2, sessionId);
            ps.setInt(3, z);
            ps.setInt(4, fp.messageCount());
            ps.setString(5, fp.headHash());
            ps.setLong(6, System.currentTimeMillis());
            ps.executeUpdate();
        }
    }

    public static int userVersion(Path dataDir) throws SQLException {
        try (Connection c = raw(dataDir.resolve(Store.FILE_NAME))) {
            return Schema.version(c);
        }
    }

    private static void insertSession(Connection c, String id, String title, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessions(id, title, title_source, created_at,"
                + " updated_at, last_activity, message_count, head_hash) VALUES (?,?,'user',?,?,?,0,?)")) {
            ps.setString(1, id);
            ps.setString(2, title);
            ps.setLong(3, now);
            ps.setLong(4, now);
            ps.setLong(5, now);
            ps.setString(6, Fingerprint.GENESIS);
            ps.executeUpdate();
        }
    }
}
