package dev.sessiondesk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's schema as an ordered list of migrations. The version lives in SQLite's
 * {@code PRAGMA user_version}, which is written in the same transaction as the migration steps, so a
 * store is always at exactly one version: a process killed mid-migration leaves the old version
 * with none of the new tables.
 */
public final class Schema {

    private Schema() {
    }

    public static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "sessions, messages, windows, drafts, app instance", Schema::v1),
            new Migration(2, "full-text index over message text", Schema::v2),
            new Migration(3, "last verified chain head per session (incremental verify)", Schema::v3),
            new Migration(4, "import provenance, watched agent projects, agent filesystem sessions", Schema::v4),
            new Migration(5, "forks share their parent's prefix by reference instead of copying it", Schema::v5),
            new Migration(6, "sync outbox, field clocks and pull cursors (PostgreSQL sync)", SyncSchema::v6),
            new Migration(7, "owner and last checkpoint of each streaming reply", Schema::v7),
            new Migration(8, "hidden messages, per-session model and system prompt", Schema::v8));

    public static final int CURRENT = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    public static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Runs every migration above {@code from} up to {@code to}, in the caller's transaction. */
    static void migrate(Connection c, int from, int to, String appVersion) throws SQLException {
        for (Migration m : MIGRATIONS) {
            if (m.version() > from && m.version() <= to) {
                m.apply().run(c);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_history(version, description, applied_at, app_version) VALUES (?,?,?,?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.description());
                    ps.setLong(3, System.currentTimeMillis());
                    ps.setString(4, appVersion);
                    ps.executeUpdate();
                }
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA user_version = " + m.version());
                }
            }
        }
    }

    private static Void v1(Connection c) throws SQLException {
        exec(c, """
                CREATE TABLE schema_history (
                  version     INTEGER PRIMARY KEY,
                  description TEXT NOT NULL,
                  applied_at  INTEGER NOT NULL,
                  app_version TEXT
                )""");
        exec(c, """
                CREATE TABLE sessions (
                  id                TEXT PRIMARY KEY,
                  title             TEXT NOT NULL DEFAULT '',
                  title_source      TEXT NOT NULL DEFAULT 'none' CHECK (title_source IN ('none','auto','user')),
                  working_dir       TEXT,
                  created_at        INTEGER NOT NULL,
                  updated_at        INTEGER NOT NULL,
                  last_activity     INTEGER NOT NULL,
                  message_count     INTEGER NOT NULL DEFAULT 0,
                  head_hash         TEXT NOT NULL,
                  pinned            INTEGER NOT NULL DEFAULT 0,
                  archived_at       INTEGER,
                  deleted_at        INTEGER,
                  origin            TEXT,
                  external_ref      TEXT,
                  parent_session_id TEXT,
                  parent_seq        INTEGER,
                  is_active         INTEGER NOT NULL DEFAULT 0 CHECK (is_active IN (0,1))
                )""");
        exec(c, "CREATE UNIQUE INDEX sessions_one_active ON sessions(is_active) WHERE is_active = 1");
        exec(c, "CREATE UNIQUE INDEX sessions_external ON sessions(origin, external_ref) WHERE external_ref IS NOT NULL");
        exec(c, "CREATE INDEX sessions_by_activity ON sessions(deleted_at, pinned DESC, last_activity DESC)");
        exec(c, """
                CREATE TABLE messages (
                  id            INTEGER PRIMARY KEY,
                  session_id    TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                  seq           INTEGER NOT NULL,
                  message_id    TEXT,
                  role          TEXT NOT NULL CHECK (role IN ('user','assistant')),
                  created       INTEGER NOT NULL,
                  content_json  TEXT NOT NULL,
                  user_visible  INTEGER NOT NULL DEFAULT 1,
                  agent_visible INTEGER NOT NULL DEFAULT 1,
                  state         TEXT NOT NULL DEFAULT 'complete'
                                CHECK (state IN ('complete','streaming','interrupted','stopped')),
                  hash          TEXT,
                  updated_at    INTEGER NOT NULL,
                  UNIQUE (session_id, seq)
                )""");
        exec(c, "CREATE INDEX messages_streaming ON messages(state) WHERE state = 'streaming'");
        exec(c, """
                CREATE TABLE windows (
                  window_id   TEXT PRIMARY KEY,
                  session_id  TEXT,
                  x REAL, y REAL, width REAL, height REAL,
                  maximized   INTEGER NOT NULL DEFAULT 0,
                  z_order     INTEGER NOT NULL DEFAULT 0,
                  focused     INTEGER NOT NULL DEFAULT 0,
                  fp_count    INTEGER NOT NULL DEFAULT 0,
                  fp_head     TEXT NOT NULL,
                  open        INTEGER NOT NULL DEFAULT 1,
                  updated_at  INTEGER NOT NULL
                )""");
        exec(c, """
                CREATE TABLE drafts (
                  window_id  TEXT PRIMARY KEY,
                  text       TEXT NOT NULL,
                  updated_at INTEGER NOT NULL
                )""");
        exec(c, """
                CREATE TABLE app_instance (
                  id           INTEGER PRIMARY KEY CHECK (id = 1),
                  pid          INTEGER NOT NULL,
                  host         TEXT,
                  app_version  TEXT,
                  started_at   INTEGER NOT NULL,
                  heartbeat_at INTEGER NOT NULL
                )""");
        return null;
    }

    private static Void v2(Connection c) throws SQLException {
        createSearchIndex(c);
        return null;
    }

    /** The full-text index, filled from the finished messages (schema 2; and a rebuild of a damaged one). */
    static void createSearchIndex(Connection c) throws SQLException {
        exec(c, "CREATE VIRTUAL TABLE messages_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
        // Existing finished messages are indexed here; from now on the store indexes each one in the
        // transaction that finishes it. The text is extracted in Java (content items are JSON).
        try (PreparedStatement sel = c.prepareStatement(
                     "SELECT id, content_json FROM messages WHERE state <> 'streaming'");
             PreparedStatement ins = c.prepareStatement("INSERT INTO messages_fts(rowid, body) VALUES (?, ?)");
             ResultSet rs = sel.executeQuery()) {
            while (rs.next()) {
                ins.setLong(1, rs.getLong(1));
                ins.setString(2, dev.sessiondesk.model.ContentItems.plainText(rs.getString(2)));
                ins.executeUpdate();
            }
        }
    }

    /**
     * What the incremental verifier last proved about each session: its first {@code message_count}
     * messages hash to {@code head_hash}. Opening a session then hashes only what came after.
     */
    private static Void v3(Connection c) throws SQLException {
        exec(c, """
                CREATE TABLE verified_heads (
                  session_id    TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
                  message_count INTEGER NOT NULL,
                  head_hash     TEXT NOT NULL,
                  verified_at   INTEGER NOT NULL
                )""");
        return null;
    }

    /**
     * Where imported sessions came from (and whether only a readable prefix was imported), the agent
     * project folders the user asked SessionDesk to follow, and the filesystem facts of agent sessions
     * (their folder on disk, status, and when that folder disappeared: such sessions are marked, never
     * deleted).
     */
    private static Void v4(Connection c) throws SQLException {
        exec(c, """
                CREATE TABLE session_imports (
                  session_id     TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
                  format         TEXT NOT NULL,
                  source_path    TEXT NOT NULL,
                  imported_at    INTEGER NOT NULL,
                  partial_reason TEXT
                )""");
        exec(c, """
                CREATE TABLE watched_projects (
                  path     TEXT PRIMARY KEY,
                  added_at INTEGER NOT NULL
                )""");
        exec(c, """
                CREATE TABLE agent_sessions (
                  session_id    TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
                  project_dir   TEXT NOT NULL,
                  slug          TEXT NOT NULL,
                  session_dir   TEXT NOT NULL,
                  status        TEXT,
                  session_type  TEXT,
                  synced_at     INTEGER NOT NULL,
                  missing_since INTEGER,
                  UNIQUE (project_dir, slug)
                )""");
        return null;
    }

    /**
     * A fork stores only its own messages (seq parent_seq+1 on) and reads 1..parent_seq from its parent
     * (see {@link Lineage}). Forks made by copying drop the rows that are exact copies of their
     * parent's; any other keeps its rows and its parent only as provenance (parent_seq NULL).
     */
    private static Void v5(Connection c) throws SQLException {
        exec(c, "CREATE INDEX sessions_by_parent ON sessions(parent_session_id) WHERE parent_session_id IS NOT NULL");
        Forks.compactCopiedForks(c);
        return null;
    }

    /**
     * Who writes each streaming reply and when it last saved (promise P11), so every reader can tell
     * a live reply from one whose process died, and a stop request another writer leaves for the
     * owner (it then saves its whole text before the other message goes in).
     */
    private static Void v7(Connection c) throws SQLException {
        exec(c, """
                CREATE TABLE stream_owners (
                  message_row        INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
                  pid                INTEGER NOT NULL,
                  host               TEXT NOT NULL,
                  process_start      INTEGER NOT NULL,
                  store_token        TEXT NOT NULL,
                  started_at         INTEGER NOT NULL,
                  last_checkpoint_at INTEGER NOT NULL,
                  stop_requested_at  INTEGER
                )""");
        return null;
    }

    /**
     * A message the user hid, kept apart from the message row: the visibility flags are part of the
     * hashed message, so flipping them in place would break the chain (P6). Hiding and showing again
     * only ever update this row; the message itself is never touched nor deleted. And each session's
     * own model and system prompt (the system prompt is sent, never stored as a message).
     */
    private static Void v8(Connection c) throws SQLException {
        exec(c, """
                CREATE TABLE hidden_messages (
                  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                  seq        INTEGER NOT NULL,
                  hidden     INTEGER NOT NULL CHECK (hidden IN (0,1)),
                  changed_at INTEGER NOT NULL,
                  PRIMARY KEY (session_id, seq)
                )""");
        exec(c, """
                CREATE TABLE session_settings (
                  session_id    TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
                  model         TEXT NOT NULL DEFAULT '',
                  system_prompt TEXT NOT NULL DEFAULT '',
                  updated_at    INTEGER NOT NULL
                )""");
        return null;
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
