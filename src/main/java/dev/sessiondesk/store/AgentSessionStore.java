package dev.sessiondesk.store;

import dev.sessiondesk.model.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The agent sessions that live in project folders ({@code agents/sessions/<slug>/state.json}): their
 * store session and the filesystem facts kept beside it in {@code agent_sessions}.
 */
public final class AgentSessionStore {
    /** The store session made for an agent session folder, and how it is titled now. */
    public record Linked(String sessionId, String title, String titleSource) {
    }

    /** The facts last synced from disk; {@code missingSince} is set once the folder is gone. */
    public record Facts(String sessionId, String projectDir, String slug, String sessionDir, String status,
                        String sessionType, Long missingSince) {
    }

    private final Store store;

    public AgentSessionStore(Store store) {
        this.store = store;
    }

    public Optional<Linked> find(StoreTx tx, String origin, String ref) {
        return tx.sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, title, title_source FROM sessions"
                    + " WHERE origin = ? AND external_ref = ?")) {
                ps.setString(1, origin);
                ps.setString(2, ref);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Linked(rs.getString(1), rs.getString(2), rs.getString(3)))
                            : Optional.<Linked>empty();
                }
            }
        });
    }

    /** A new store session for the folder (titled automatically) with its first facts. */
    public Session create(StoreTx tx, NewSession spec, Facts facts, long now) {
        return tx.sql(c -> {
            Session created = store.sessions().insert(c, spec);
            exec(c, "UPDATE sessions SET title_source = 'auto' WHERE id = ?", created.id());
            exec(c, "INSERT INTO agent_sessions(session_id, project_dir, slug, session_dir, status, session_type,"
                    + " synced_at, missing_since) VALUES (?,?,?,?,?,?,?,NULL)",
                    created.id(), facts.projectDir(), facts.slug(), facts.sessionDir(), facts.status(),
                    facts.sessionType(), now);
            return created;
        });
    }

    /** Compare-and-set: a title the user gave meanwhile is final. */
    public void setAutoTitle(StoreTx tx, String sessionId, String title, long now) {
        tx.sql(c -> exec(c, "UPDATE sessions SET title = ?, title_source = 'auto', updated_at = ? WHERE id = ?"
                + " AND title_source <> 'user'", title, now, sessionId));
    }

    public Optional<Facts> facts(StoreTx tx, String sessionId) {
        return tx.sql(c -> facts(c, sessionId));
    }

    /** Writes the facts just read from disk (the folder is there again) and touches the session. */
    public void updateFacts(StoreTx tx, Facts facts, long now) {
        tx.sql(c -> {
            exec(c, "INSERT INTO agent_sessions(session_id, project_dir, slug, session_dir, status, session_type,"
                    + " synced_at, missing_since) VALUES (?,?,?,?,?,?,?,NULL) ON CONFLICT(session_id) DO UPDATE SET"
                    + " status = excluded.status, session_type = excluded.session_type,"
                    + " synced_at = excluded.synced_at, missing_since = NULL",
                    facts.sessionId(), facts.projectDir(), facts.slug(), facts.sessionDir(), facts.status(),
                    facts.sessionType(), now);
            return exec(c, "UPDATE sessions SET updated_at = ? WHERE id = ?", now, facts.sessionId());
        });
    }

    /** The agent sessions known for a project folder. */
    public List<Facts> ofProject(String projectDir) {
        return store.reader().read("list agent sessions of " + projectDir, c -> {
            List<Facts> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT session_id, project_dir, slug, session_dir, status,"
                    + " session_type, missing_since FROM agent_sessions WHERE project_dir = ?")) {
                ps.setString(1, projectDir);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(factsOf(rs));
                    }
                }
            }
            return out;
        });
    }

    /** The session's folder is gone: it is marked (once), never deleted. */
    public void markMissing(String sessionId) {
        store.writer().write("mark agent session " + sessionId + " as missing on disk", c -> {
            long now = System.currentTimeMillis();
            exec(c, "UPDATE agent_sessions SET missing_since = ? WHERE session_id = ? AND missing_since IS NULL",
                    now, sessionId);
            return exec(c, "UPDATE sessions SET updated_at = ? WHERE id = ?", now, sessionId);
        });
    }

    /** The facts of one session; empty when it is not an agent session. */
    public Optional<Facts> facts(String sessionId) {
        return store.reader().read("read agent session " + sessionId, c -> facts(c, sessionId));
    }

    private static Optional<Facts> facts(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT session_id, project_dir, slug, session_dir, status,"
                + " session_type, missing_since FROM agent_sessions WHERE session_id = ?")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(factsOf(rs)) : Optional.empty();
            }
        }
    }

    private static Facts factsOf(ResultSet rs) throws SQLException {
        long m = rs.getLong(7);
        Long missingSince = rs.wasNull() ? null : m;
        return new Facts(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), missingSince);
    }

    private static int exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }
}
