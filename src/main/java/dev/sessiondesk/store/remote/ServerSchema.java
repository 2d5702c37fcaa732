package dev.sessiondesk.store.remote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The server's schema {@code sessiondesk}, created and migrated by SessionDesk: an ordered list of
 * plain-SQL migrations, each applied in its own transaction together with its row in
 * {@code sessiondesk.schema_version}, under an advisory lock so two devices starting at once do not
 * both migrate. A server schema newer than this app makes sync read-only (see {@link #check}).
 *
 * <p>The server enforces the chain itself: a message row must hash to its content
 * ({@code CHECK}) and continue the server's chain at seq − 1 (trigger), whatever client sends it.
 */
final class ServerSchema {
    static final int CURRENT = 1;
    private static final long MIGRATION_LOCK = 0x5E55_10D5_0001L;

    private ServerSchema() {
    }

    private static final List<String> V1 = List.of(
            "CREATE SCHEMA IF NOT EXISTS sessiondesk",
            """
            CREATE TABLE sessiondesk.devices (
              device_id   text PRIMARY KEY,
              label       text,
              app_version text,
              first_seen  timestamptz NOT NULL DEFAULT now(),
              last_seen   timestamptz NOT NULL DEFAULT now()
            )""",
            "CREATE SEQUENCE sessiondesk.session_changes",
            """
            CREATE TABLE sessiondesk.sessions (
              id                 text PRIMARY KEY,
              owner              uuid NOT NULL DEFAULT md5(session_user)::uuid,
              device_id          text NOT NULL REFERENCES sessiondesk.devices(device_id),
              created_at         bigint NOT NULL,
              working_dir        text,
              origin             text,
              parent_session_id  text,
              parent_seq         integer,
              base_seq           integer NOT NULL DEFAULT 0,
              base_hash          text NOT NULL,
              head_seq           integer NOT NULL,
              head_hash          text NOT NULL,
              title              text NOT NULL DEFAULT '',
              title_source       text NOT NULL DEFAULT 'none' CHECK (title_source IN ('none','auto','user')),
              title_hlc          text COLLATE "C" NOT NULL,
              pinned             boolean NOT NULL DEFAULT false,
              pinned_hlc         text COLLATE "C" NOT NULL,
              archived_at        bigint,
              archived_hlc       text COLLATE "C" NOT NULL,
              deleted_at         bigint,
              trash_hlc          text COLLATE "C" NOT NULL,
              last_activity      bigint NOT NULL,
              agent_slug         text,
              agent_status       text,
              agent_session_type text,
              agent_session_dir  text,
              agent_project_dir  text,
              change_no          bigint NOT NULL DEFAULT nextval('sessiondesk.session_changes'),
              updated_at         timestamptz NOT NULL DEFAULT now()
            )""",
            "CREATE INDEX sessions_by_change ON sessiondesk.sessions(change_no)",
            """
            CREATE TABLE sessiondesk.messages (
              change_no     bigserial PRIMARY KEY,
              session_id    text NOT NULL REFERENCES sessiondesk.sessions(id),
              seq           integer NOT NULL CHECK (seq > 0),
              message_id    text,
              role          text NOT NULL,
              created       bigint NOT NULL,
              content       jsonb NOT NULL,
              canonical     text NOT NULL,
              hash          text NOT NULL,
              prev_hash     text NOT NULL,
              device_id     text NOT NULL,
              user_visible  boolean NOT NULL,
              agent_visible boolean NOT NULL,
              pushed_at     timestamptz NOT NULL DEFAULT now(),
              UNIQUE (session_id, seq),
              CONSTRAINT messages_content_addressed
                CHECK (hash = encode(sha256(decode(prev_hash, 'hex') || convert_to(canonical, 'UTF8')), 'hex'))
            )""",
            """
            CREATE FUNCTION sessiondesk.check_chain() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
              expected text;
              b_seq integer;
              b_hash text;
            BEGIN
              SELECT base_seq, base_hash INTO b_seq, b_hash FROM sessiondesk.sessions WHERE id = NEW.session_id;
              IF NEW.seq = b_seq + 1 THEN
                expected := b_hash;
              ELSE
                SELECT hash INTO expected FROM sessiondesk.messages WHERE session_id = NEW.session_id AND seq = NEW.seq - 1;
              END IF;
              IF expected IS NULL OR expected <> NEW.prev_hash THEN
                RAISE EXCEPTION 'message % of session % does not continue the server''s chain', NEW.seq, NEW.session_id
                  USING ERRCODE = 'SD001';
              END IF;
              RETURN NEW;
            END $$""",
            "CREATE TRIGGER messages_continue_the_chain BEFORE INSERT ON sessiondesk.messages"
                    + " FOR EACH ROW EXECUTE FUNCTION sessiondesk.check_chain()",
            """
            CREATE TABLE sessiondesk.session_titles (
              session_id   text NOT NULL REFERENCES sessiondesk.sessions(id),
              title        text NOT NULL,
              title_source text NOT NULL,
              hlc          text COLLATE "C" NOT NULL,
              device_id    text NOT NULL,
              PRIMARY KEY (session_id, hlc)
            )""",
            """
            CREATE FUNCTION sessiondesk.title_rank(source text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
              SELECT CASE source WHEN 'user' THEN 2 WHEN 'auto' THEN 1 ELSE 0 END
            $$""",
            // The chat frontend's table (seed 003 shape), kept current from sessions by a trigger.
            """
            CREATE TABLE sessiondesk.chat_sessions (
              id            text PRIMARY KEY,
              user_id       uuid NOT NULL,
              title         text,
              is_active     boolean NOT NULL DEFAULT false,
              created_at    timestamptz NOT NULL DEFAULT now(),
              updated_at    timestamptz NOT NULL DEFAULT now(),
              last_activity timestamptz,
              message_count integer NOT NULL DEFAULT 0,
              total_tokens  bigint NOT NULL DEFAULT 0,
              last_model    text
            )""",
            "CREATE UNIQUE INDEX chat_sessions_one_active ON sessiondesk.chat_sessions(user_id) WHERE is_active",
            """
            CREATE FUNCTION sessiondesk.mirror_chat_session() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.deleted_at IS NOT NULL THEN
                DELETE FROM sessiondesk.chat_sessions WHERE id = NEW.id;
                RETURN NEW;
              END IF;
              INSERT INTO sessiondesk.chat_sessions AS c (id, user_id, title, created_at, updated_at, last_activity, message_count)
              VALUES (NEW.id, NEW.owner, NEW.title, to_timestamp(NEW.created_at / 1000.0), now(),
                      to_timestamp(NEW.last_activity / 1000.0), NEW.head_seq)
              ON CONFLICT (id) DO UPDATE SET
                title = excluded.title,
                last_activity = excluded.last_activity,
                message_count = excluded.message_count,
                updated_at = CASE WHEN c.title IS DISTINCT FROM excluded.title OR c.message_count <> excluded.message_count
                                  THEN now() ELSE c.updated_at END
              WHERE c.title IS DISTINCT FROM excluded.title OR c.message_count <> excluded.message_count
                 OR c.last_activity IS DISTINCT FROM excluded.last_activity;
              RETURN NEW;
            END $$""",
            "CREATE TRIGGER sessions_mirror_chat AFTER INSERT OR UPDATE ON sessiondesk.sessions"
                    + " FOR EACH ROW EXECUTE FUNCTION sessiondesk.mirror_chat_session()",
            // Seed 003: exactly one active session per user, switched in one transaction, no updated_at touched.
            """
            CREATE FUNCTION sessiondesk.set_active_session(target_user_id uuid, target_session_id text)
            RETURNS boolean LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM pg_advisory_xact_lock(hashtextextended('sessiondesk.active:' || target_user_id::text, 0));
              IF NOT EXISTS (SELECT 1 FROM sessiondesk.chat_sessions
                             WHERE id = target_session_id AND user_id = target_user_id) THEN
                RETURN false;
              END IF;
              UPDATE sessiondesk.chat_sessions SET is_active = false
               WHERE user_id = target_user_id AND is_active AND id <> target_session_id;
              UPDATE sessiondesk.chat_sessions SET is_active = true
               WHERE id = target_session_id AND NOT is_active;
              RETURN true;
            END $$""",
            // The agent frontend reads sessions shaped like its own table.
            """
            CREATE VIEW sessiondesk.agent_sessions AS
              SELECT agent_slug AS slug, title, agent_status AS status, agent_session_type AS session_type,
                     working_dir, agent_session_dir AS session_dir,
                     regexp_replace(agent_project_dir, '^.*/', '') AS project, id AS session_id
                FROM sessiondesk.sessions
               WHERE agent_slug IS NOT NULL AND deleted_at IS NULL""");

    private static final List<List<String>> MIGRATIONS = List.of(V1);

    /** What the server holds: its schema version, and why sync must stay read-only (null when it need not). */
    record Status(int version, String readOnlyReason) {
    }

    static Status migrate(Connection c, String appVersion) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
                s.execute("CREATE SCHEMA IF NOT EXISTS sessiondesk");
                s.execute("CREATE TABLE IF NOT EXISTS sessiondesk.schema_version (version integer PRIMARY KEY,"
                        + " description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), app_version text)");
            }
            c.commit();
            for (int v = 1; v <= MIGRATIONS.size(); v++) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
                }
                int current = version(c);
                if (current >= v) {
                    c.commit();
                    continue;
                }
                try (Statement s = c.createStatement()) {
                    for (String sql : MIGRATIONS.get(v - 1)) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO sessiondesk.schema_version(version, description, app_version) VALUES (?,?,?)")) {
                    ps.setInt(1, v);
                    ps.setString(2, v == 1 ? "sessions, messages, devices, chat_sessions, agent sessions view" : "");
                    ps.setString(3, appVersion);
                    ps.executeUpdate();
                }
                c.commit();
            }
            int version = version(c);
            c.commit();
            return check(version);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    static Status check(int version) {
        if (version > CURRENT) {
            return new Status(version, "the sync server's schema was written by a newer SessionDesk (server schema "
                    + version + " > " + CURRENT + "); this device only reads from it until SessionDesk is updated");
        }
        return new Status(version, null);
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM sessiondesk.schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
