package dev.sessiondesk.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Schema 6: what sync needs in the local store. The outbox is filled by triggers, so every change
 * (a message appended by any path, a title, pin, archive or trash) records that it must be pushed in
 * the very SQLite transaction that makes it: a crash can lose neither the change nor the fact that
 * the server has not seen it yet, and no writer needs to remember to call sync.
 *
 * <p>The triggers also stamp each mutable field with a hybrid logical clock (wall milliseconds +
 * the device's clock offset, a counter, the device id), kept in {@code sync_clock}. Pulled changes
 * are applied with {@code sync_clock.applying = 1} so they are not echoed back to the server.
 */
final class SyncSchema {
    /** Unix milliseconds now in SQLite (julianday works in every SQLite, unixepoch('subsec') only in 3.42+). */
    private static final String NOW = "(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) + offset_ms)";
    private static final String TICK = "UPDATE sync_clock SET c = CASE WHEN " + NOW + " <= l THEN c + 1 ELSE 0 END,"
            + " l = max(l, " + NOW + ") WHERE id = 1;";
    static final String HLC = "(SELECT printf('%013d.%06d.%s', l, c, device_id) FROM sync_clock WHERE id = 1)";
    private static final String LOCAL = "(SELECT applying FROM sync_clock WHERE id = 1) = 0";

    private SyncSchema() {
    }

    static Void v6(Connection c) throws SQLException {
        exec(c, """
                CREATE TABLE sync_clock (
                  id        INTEGER PRIMARY KEY CHECK (id = 1),
                  l         INTEGER NOT NULL,
                  c         INTEGER NOT NULL,
                  offset_ms INTEGER NOT NULL DEFAULT 0,
                  applying  INTEGER NOT NULL DEFAULT 0,
                  device_id TEXT NOT NULL
                )""");
        exec(c, "INSERT INTO sync_clock(id, l, c, offset_ms, applying, device_id) VALUES (1, 0, 0, 0, 0, lower(hex(randomblob(16))))");
        exec(c, "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        exec(c, """
                CREATE TABLE sync_outbox (
                  session_id TEXT NOT NULL,
                  kind       TEXT NOT NULL CHECK (kind IN ('meta','messages')),
                  version    INTEGER NOT NULL,
                  PRIMARY KEY (session_id, kind)
                )""");
        exec(c, """
                CREATE TABLE sync_fields (
                  session_id TEXT NOT NULL,
                  field      TEXT NOT NULL CHECK (field IN ('title','pinned','archived','trash')),
                  hlc        TEXT NOT NULL,
                  PRIMARY KEY (session_id, field)
                )""");
        exec(c, "CREATE TABLE sync_pushed (session_id TEXT PRIMARY KEY, server_count INTEGER NOT NULL)");
        exec(c, """
                CREATE TABLE sync_title_history (
                  id           INTEGER PRIMARY KEY,
                  session_id   TEXT NOT NULL,
                  title        TEXT NOT NULL,
                  title_source TEXT NOT NULL,
                  hlc          TEXT NOT NULL,
                  replaced_at  INTEGER NOT NULL
                )""");
        // Sessions that exist before sync: everything is still to be pushed, with clocks older than any edit.
        exec(c, "INSERT INTO sync_outbox(session_id, kind, version) SELECT id, 'meta', 1 FROM sessions");
        exec(c, "INSERT INTO sync_outbox(session_id, kind, version) SELECT id, 'messages', 1 FROM sessions");
        for (String field : new String[] {"title", "pinned", "archived", "trash"}) {
            exec(c, "INSERT INTO sync_fields(session_id, field, hlc) SELECT id, '" + field
                    + "', (SELECT printf('%013d.%06d.%s', 0, 0, device_id) FROM sync_clock) FROM sessions");
        }
        exec(c, "CREATE TRIGGER sync_session_created AFTER INSERT ON sessions WHEN " + LOCAL + " BEGIN " + TICK
                + stampAll() + outbox("meta") + outbox("messages") + " END");
        fieldTrigger(c, "title", "title, title_source",
                "OLD.title IS NOT NEW.title OR OLD.title_source IS NOT NEW.title_source");
        fieldTrigger(c, "pinned", "pinned", "OLD.pinned IS NOT NEW.pinned");
        fieldTrigger(c, "archived", "archived_at", "(OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL)");
        fieldTrigger(c, "trash", "deleted_at", "(OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)");
        exec(c, "CREATE TRIGGER sync_session_links AFTER UPDATE OF parent_session_id, parent_seq, working_dir ON sessions"
                + " WHEN " + LOCAL + " BEGIN " + outbox("meta") + " END");
        exec(c, "CREATE TRIGGER sync_session_messages AFTER UPDATE OF message_count, head_hash ON sessions WHEN " + LOCAL
                + " AND (OLD.message_count IS NOT NEW.message_count OR OLD.head_hash IS NOT NEW.head_hash) BEGIN "
                + outbox("messages") + " END");
        for (String event : new String[] {"INSERT", "UPDATE"}) {
            exec(c, "CREATE TRIGGER sync_agent_session_" + event.toLowerCase() + " AFTER " + event + " ON agent_sessions"
                    + " WHEN " + LOCAL + " BEGIN " + outbox("meta").replace("NEW.id", "NEW.session_id") + " END");
        }
        return null;
    }

    private static void fieldTrigger(Connection c, String field, String columns, String changed) throws SQLException {
        exec(c, "CREATE TRIGGER sync_session_" + field + " AFTER UPDATE OF " + columns + " ON sessions WHEN " + LOCAL
                + " AND (" + changed + ") BEGIN " + TICK + stamp(field) + outbox("meta") + " END");
    }

    private static String stampAll() {
        return stamp("title") + stamp("pinned") + stamp("archived") + stamp("trash");
    }

    private static String stamp(String field) {
        return " INSERT INTO sync_fields(session_id, field, hlc) VALUES (NEW.id, '" + field + "', " + HLC + ")"
                + " ON CONFLICT(session_id, field) DO UPDATE SET hlc = excluded.hlc;";
    }

    private static String outbox(String kind) {
        return " INSERT INTO sync_outbox(session_id, kind, version) VALUES (NEW.id, '" + kind + "', 1)"
                + " ON CONFLICT(session_id, kind) DO UPDATE SET version = version + 1;";
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
