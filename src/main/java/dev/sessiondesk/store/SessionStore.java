package dev.sessiondesk.store;

import dev.sessiondesk.model.Fingerprint;
import dev.sessiondesk.model.Ids;
import dev.sessiondesk.model.Session;
import dev.sessiondesk.model.TitleSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Sessions: creation, lookup, listing, titles, the active flag, pin/archive and the trash. */
public final class SessionStore {
    private final Store store;

    SessionStore(Store store) {
        this.store = store;
    }

    public Session create(NewSession spec) {
        return store.writer().write("create a session", c -> insert(c, spec));
    }

    /**
     * Inserts a session on the writer's connection (for callers already inside a write transaction,
     * such as an import that creates a session and appends all its messages atomically).
     */
    public Session insert(Connection c, NewSession spec) throws SQLException {
        long now = System.currentTimeMillis();
        long created = spec.createdAt() == null ? now : spec.createdAt();
        String id = Ids.newSessionId();
        boolean titled = spec.title() != null && !spec.title().isBlank();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessions(id, title, title_source, working_dir,"
                + " created_at, updated_at, last_activity, message_count, head_hash, origin, external_ref)"
                + " VALUES (?,?,?,?,?,?,?,0,?,?,?)")) {
            ps.setString(1, id);
            ps.setString(2, titled ? spec.title().strip() : "");
            ps.setString(3, titled ? TitleSource.USER.wire() : TitleSource.NONE.wire());
            ps.setString(4, spec.workingDir());
            ps.setLong(5, created);
            ps.setLong(6, created);
            ps.setLong(7, created);
            ps.setString(8, Fingerprint.GENESIS);
            ps.setString(9, spec.origin());
            ps.setString(10, spec.externalRef());
            ps.executeUpdate();
        }
        return get(c, id).orElseThrow();
    }

    public Optional<Session> get(String id) {
        return store.reader().read("read session " + id, c -> get(c, id));
    }

    /** The session, or a NOT_FOUND StoreException naming the id. */
    public Session require(String id) {
        return get(id).orElseThrow(() -> notFound(id));
    }

    static StoreException notFound(String id) {
        return new StoreException(StoreException.Kind.NOT_FOUND, "no session with id " + id);
    }

    static Optional<Session> get(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.SESSION_COLUMNS + " FROM sessions WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Rows.session(rs)) : Optional.empty();
            }
        }
    }

    public Optional<Session> findByExternalRef(String origin, String externalRef) {
        return store.reader().read("find an imported session", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.SESSION_COLUMNS
                    + " FROM sessions WHERE origin = ? AND external_ref = ?")) {
                ps.setString(1, origin);
                ps.setString(2, externalRef);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Rows.session(rs)) : Optional.<Session>empty();
                }
            }
        });
    }

    public List<Session> list(SessionQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + Rows.SESSION_COLUMNS + " FROM sessions WHERE ");
        sql.append(q.trashOnly() ? "deleted_at IS NOT NULL" : "deleted_at IS NULL");
        if (!q.includeArchived()) {
            sql.append(" AND archived_at IS NULL");
        }
        boolean filtered = q.titleFilter() != null && !q.titleFilter().isBlank();
        if (filtered) {
            sql.append(" AND title LIKE ? ESCAPE '\\'");
        }
        sql.append(" ORDER BY pinned DESC, last_activity DESC, id DESC LIMIT ? OFFSET ?");
        return store.reader().read("list sessions", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (filtered) {
                    ps.setString(i++, "%" + q.titleFilter().strip().replace("\\", "\\\\").replace("%", "\\%")
                            .replace("_", "\\_") + "%");
                }
                ps.setInt(i++, q.limit());
                ps.setInt(i, q.offset());
                List<Session> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Rows.session(rs));
                    }
                }
                return out;
            }
        });
    }

    public int count(boolean includeTrash) {
        return store.reader().read("count sessions", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM sessions"
                    + (includeTrash ? "" : " WHERE deleted_at IS NULL"));
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** A title the user chose: final, background titling never replaces it. */
    public Session renameByUser(String id, String title) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a title cannot be empty");
        }
        return store.writer().write("rename session " + id, c -> {
            updateOne(c, id, "UPDATE sessions SET title = ?, title_source = 'user', updated_at = ? WHERE id = ?",
                    title.strip(), System.currentTimeMillis(), id);
            return get(c, id).orElseThrow();
        });
    }

    /**
     * Compare-and-set for background titles: writes {@code title} only if the session's title source is
     * still {@code expectedSource} (and never over a user title). Returns whether it was written.
     */
    public boolean setAutoTitle(String id, TitleSource expectedSource, String title) {
        if (expectedSource == TitleSource.USER || title == null || title.isBlank()) {
            return false;
        }
        return store.writer().write("set the automatic title of session " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET title = ?, title_source = 'auto',"
                    + " updated_at = ? WHERE id = ? AND title_source = ? AND title_source <> 'user'")) {
                ps.setString(1, title.strip());
                ps.setLong(2, System.currentTimeMillis());
                ps.setString(3, id);
                ps.setString(4, expectedSource.wire());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Makes {@code id} the one active session and every other inactive, in one transaction, without
     * touching any {@code updated_at}: switching windows is not an edit.
     */
    public void setActive(String id) {
        store.writer().write("make session " + id + " active", c -> {
            if (get(c, id).isEmpty()) {
                throw notFound(id);
            }
            try (PreparedStatement clear = c.prepareStatement("UPDATE sessions SET is_active = 0 WHERE is_active = 1 AND id <> ?");
                 PreparedStatement set = c.prepareStatement("UPDATE sessions SET is_active = 1 WHERE id = ?")) {
                clear.setString(1, id);
                clear.executeUpdate();
                set.setString(1, id);
                set.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Session> active() {
        return store.reader().read("read the active session", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.SESSION_COLUMNS + " FROM sessions WHERE is_active = 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Rows.session(rs)) : Optional.<Session>empty();
            }
        });
    }

    public void setPinned(String id, boolean pinned) {
        store.writer().write("pin session " + id, c -> {
            updateOne(c, id, "UPDATE sessions SET pinned = ? WHERE id = ?", pinned ? 1 : 0, id);
            return null;
        });
    }

    public void setArchived(String id, boolean archived) {
        store.writer().write("archive session " + id, c -> {
            updateOne(c, id, "UPDATE sessions SET archived_at = ? WHERE id = ?",
                    archived ? System.currentTimeMillis() : null, id);
            return null;
        });
    }

    /** Moves a session to the trash; {@link #restore} brings it back unchanged. */
    public void trash(String id) {
        store.writer().write("move session " + id + " to the trash", c -> {
            updateOne(c, id, "UPDATE sessions SET deleted_at = coalesce(deleted_at, ?), is_active = 0 WHERE id = ?",
                    System.currentTimeMillis(), id);
            return null;
        });
    }

    public void restore(String id) {
        store.writer().write("restore session " + id + " from the trash", c -> {
            updateOne(c, id, "UPDATE sessions SET deleted_at = NULL WHERE id = ?", id);
            return null;
        });
    }

    /**
     * Deletes a session for good; only sessions already in the trash can be purged. Its forks keep
     * their whole conversation: the rows they shared by reference are copied into them first (same
     * hashes), and they then refer to the purged session's own parent, if any.
     */
    /** The sync_state key prefix that remembers a purge here (store.sync skips such sessions on pull). */
    public static final String PURGED_MARK = "purged:";

    public void purge(String id) {
        store.writer().write("purge session " + id, c -> {
            Session s = get(c, id).orElseThrow(() -> notFound(id));
            if (!s.inTrash()) {
                throw new StoreException(StoreException.Kind.CONFLICT,
                        "session " + id + " is not in the trash; move it to the trash before purging it");
            }
            Forks.keepForksWhole(c, s);
            try (PreparedStatement fts = c.prepareStatement(
                    "DELETE FROM messages_fts WHERE rowid IN (SELECT id FROM messages WHERE session_id = ?)");
                 PreparedStatement msgs = c.prepareStatement("DELETE FROM messages WHERE session_id = ?");
                 PreparedStatement del = c.prepareStatement("DELETE FROM sessions WHERE id = ?")) {
                fts.setString(1, id);
                fts.executeUpdate();
                msgs.setString(1, id);
                msgs.executeUpdate();
                del.setString(1, id);
                del.executeUpdate();
            }
            try (PreparedStatement mark = c.prepareStatement( // purge is per device: sync must not bring it back
                    "INSERT OR REPLACE INTO sync_state(key, value) VALUES (?, ?)")) {
                mark.setString(1, PURGED_MARK + id);
                mark.setString(2, Long.toString(System.currentTimeMillis()));
                mark.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Deletes a session nobody has used: no message (not even a streaming one), no title, not
     * imported, not a branch, no branch of its own. Returns whether it was deleted; a session that
     * is in use stays untouched. This is how a window's empty "New chat" goes away when it closes.
     */
    public boolean deleteIfUntouched(String id) {
        return store.writer().write("discard the untouched session " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    DELETE FROM sessions WHERE id = ? AND message_count = 0 AND title_source = 'none' AND title = ''
                      AND origin IS NULL AND external_ref IS NULL AND parent_session_id IS NULL
                      AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.session_id = sessions.id)
                      AND NOT EXISTS (SELECT 1 FROM sessions b WHERE b.parent_session_id = sessions.id)""")) {
                ps.setString(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public void setWorkingDir(String id, String workingDir) {
        store.writer().write("set the working folder of session " + id, c -> {
            updateOne(c, id, "UPDATE sessions SET working_dir = ?, updated_at = ? WHERE id = ?",
                    workingDir, System.currentTimeMillis(), id);
            return null;
        });
    }

    private static void updateOne(Connection c, String id, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            if (ps.executeUpdate() != 1) {
                throw notFound(id);
            }
        }
    }
}
