package dev.sessiondesk.store;

import dev.sessiondesk.model.ContentItems;
import dev.sessiondesk.model.Fingerprint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks a full verify adds beyond SQLite's own and the hash chains: every open window points to
 * a session that exists and still begins with what the window showed, and the search index holds
 * exactly the finished messages' text. Each problem is one sentence naming the window, session or
 * message.
 */
public final class ReferenceChecks {
    private final Store store;

    public ReferenceChecks(Store store) {
        this.store = store;
    }

    /**
     * SQLite's {@code integrity_check} (every page and index), as one line ("ok" when clean). Like every
     * SQLite check here it runs on a connection of its own, never a pooled reader (see
     * {@link ChainVerifier#sqliteCheckOnFreshConnection}).
     */
    public String integrityCheck() {
        return store.verifier().sqliteCheckOnFreshConnection(true);
    }

    /** SQLite's {@code quick_check}, as one line ("ok" when clean), on a connection of its own. */
    public String quickCheck() {
        return store.verifier().sqliteCheckOnFreshConnection(false);
    }

    /**
     * SQLite's page check of every b-tree without FTS5's check of its index's content (a backup's
     * check: the search index is derived data; see {@link PageCheck}), as one line ("ok" when clean).
     */
    public String pageCheck() {
        return store.verifier().pageCheckOnFreshConnection();
    }

    public List<String> windowProblems() {
        List<String[]> windows = store.reader().read("read the windows", c -> {
            List<String[]> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT window_id, session_id, fp_count, fp_head FROM windows WHERE open = 1 ORDER BY window_id")) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2), Integer.toString(rs.getInt(3)), rs.getString(4)});
                }
            }
            return out;
        });
        List<String> problems = new ArrayList<>();
        for (String[] w : windows) {
            if (w[1] == null) {
                continue; // a new window that has no session yet
            }
            if (store.sessions().get(w[1]).isEmpty()) {
                problems.add("window " + w[0] + " points to session " + w[1] + ", which does not exist");
                continue;
            }
            ChainReport r = store.verifier().checkExtends(w[1], new Fingerprint(Integer.parseInt(w[2]), w[3]));
            if (!r.ok()) {
                problems.add("window " + w[0] + " shows session " + w[1] + " but " + r.problem()
                        + " (message " + r.firstBadSeq() + ")");
            }
        }
        return problems;
    }

    /**
     * Every finished message with text has its row in {@code messages_fts} with that text, and no
     * index row points to a message that is gone or still streaming.
     */
    public List<String> searchIndexProblems() {
        if (store.schemaVersion() < 2) {
            return List.of();
        }
        return store.reader().read("check the search index", c -> {
            List<String> problems = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT m.id, m.session_id, m.seq, m.content_json, f.body"
                    + " FROM messages m LEFT JOIN messages_fts f ON f.rowid = m.id WHERE m.state <> 'streaming'"
                    + " ORDER BY m.session_id, m.seq");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String text = ContentItems.plainText(rs.getString(4));
                    String indexed = rs.getString(5);
                    String where = "session " + rs.getString(2) + " message " + rs.getInt(3);
                    if (!text.isEmpty() && indexed == null) {
                        problems.add(where + " is missing from the search index");
                    } else if (indexed != null && !indexed.equals(text)) {
                        problems.add(where + ": the search index holds different text than the message");
                    }
                }
            }
            orphans(c, problems);
            return problems;
        });
    }

    private static void orphans(Connection c, List<String> problems) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT f.rowid, m.state FROM messages_fts f"
                + " LEFT JOIN messages m ON m.id = f.rowid WHERE m.id IS NULL OR m.state = 'streaming'")) {
            while (rs.next()) {
                problems.add("search index row " + rs.getLong(1) + (rs.getString(2) == null
                        ? " points to a message that no longer exists" : " indexes a reply that is still streaming"));
            }
        }
    }
}
