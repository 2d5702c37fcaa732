package dev.sessiondesk.bench;

import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.GooseMessages;
import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import dev.sessiondesk.store.HashChain;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The check half of the backup stand-in: opens a copied store through a read-only connection (so the
 * check cannot alter the copy, whoever runs it) and runs {@code quick_check} and every hash chain,
 * with the store's own {@link HashChain} and canonical form. {@code Store.open} cannot be used: it
 * opens any file the process may write (root may write anything) and would turn the copy into WAL.
 */
final class CopyVerifier {
    private CopyVerifier() {
    }

    /** Problems found; empty when the copy is intact. */
    static List<String> verify(Path db) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Connection c = RawSqlite.reader(db, true); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                while (rs.next()) {
                    if (!"ok".equals(rs.getString(1))) {
                        problems.add("quick_check: " + rs.getString(1));
                    }
                }
            }
            Map<String, Fingerprint> recorded = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT id, message_count, head_hash FROM sessions")) {
                while (rs.next()) {
                    recorded.put(rs.getString(1), new Fingerprint(rs.getInt(2), rs.getString(3)));
                }
            }
            Map<String, Fingerprint> recomputed = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT session_id, seq, message_id, role, created, content_json,"
                    + " user_visible, agent_visible, state, hash FROM messages ORDER BY session_id, seq")) {
                String session = null;
                String head = null;
                int count = 0;
                while (rs.next()) {
                    if (!rs.getString(1).equals(session)) {
                        if (session != null) {
                            recomputed.put(session, new Fingerprint(count, head));
                        }
                        session = rs.getString(1);
                        head = HashChain.genesis();
                        count = 0;
                    }
                    if ("streaming".equals(rs.getString(9))) {
                        continue; // not in the chain until it ends
                    }
                    if (rs.getInt(2) != count + 1) {
                        problems.add("session " + session + ": message " + (count + 1) + " is missing");
                    }
                    NewMessage m = new NewMessage(rs.getString(3), Role.fromWire(rs.getString(4)), rs.getLong(5),
                            rs.getString(6), rs.getInt(7) != 0, rs.getInt(8) != 0);
                    head = HashChain.next(head, GooseMessages.canonicalBytes(m));
                    count = rs.getInt(2);
                    if (!head.equals(rs.getString(10))) {
                        problems.add("session " + session + ": message " + count + " does not match its hash");
                        head = rs.getString(10); // report each bad message once, not every one after it
                    }
                }
                if (session != null) {
                    recomputed.put(session, new Fingerprint(count, head));
                }
            }
            for (var e : recorded.entrySet()) {
                Fingerprint chain = recomputed.getOrDefault(e.getKey(), Fingerprint.empty());
                if (!chain.equals(e.getValue())) {
                    problems.add("session " + e.getKey() + ": the session row says " + e.getValue()
                            + " (messages:head), the chain recomputes " + chain);
                }
            }
        }
        return problems;
    }
}
