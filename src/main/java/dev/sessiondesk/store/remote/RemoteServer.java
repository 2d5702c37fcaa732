package dev.sessiondesk.store.remote;

import dev.sessiondesk.model.sync.SyncedMessage;
import dev.sessiondesk.model.sync.SyncedSession;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One device's connection to the sync server: migrates the server schema, pushes session rows and
 * messages, pulls by change number. Every push is one transaction under a server-wide advisory lock,
 * so change numbers become visible in the order they were assigned and a pull cursor can never step
 * over a change that commits late.
 */
public final class RemoteServer implements AutoCloseable {
    public static final String CHANNEL = "sessiondesk_changes";
    /** Serialises writers of change numbers (see the class comment). */
    static final long PUSH_LOCK = 0x5E55_10D5_0002L;

    private final RemoteEndpoint endpoint;
    private final Connection c;
    private final ServerSchema.Status status;

    private RemoteServer(RemoteEndpoint endpoint, Connection c, ServerSchema.Status status) {
        this.endpoint = endpoint;
        this.c = c;
        this.status = status;
    }

    /** Connects, creates or migrates the server schema, and registers this device. */
    public static RemoteServer connect(RemoteEndpoint endpoint, String deviceId, String deviceLabel, String appVersion) {
        Connection c = open(endpoint, 10);
        try {
            ServerSchema.Status status = ServerSchema.migrate(c, appVersion);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessiondesk.devices(device_id, label, app_version)"
                    + " VALUES (?,?,?) ON CONFLICT (device_id) DO UPDATE SET label = excluded.label,"
                    + " app_version = excluded.app_version, last_seen = now()")) {
                ps.setString(1, deviceId);
                ps.setString(2, deviceLabel);
                ps.setString(3, appVersion);
                if (status.readOnlyReason() == null) {
                    ps.executeUpdate();
                }
            }
            return new RemoteServer(endpoint, c, status);
        } catch (SQLException e) {
            closeQuietly(c);
            throw PgErrors.from(e, "prepare the sync schema", endpoint);
        }
    }

    /** Logs in and reads the server's version and its sync schema version, changing nothing ("Test connection"). */
    public static String probe(RemoteEndpoint endpoint) {
        Connection c = open(endpoint, 10);
        try (var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version'),"
                     + " (SELECT max(version) FROM sessiondesk.schema_version WHERE to_regclass('sessiondesk.schema_version') IS NOT NULL)")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1) + " at " + endpoint + ", sync schema "
                    + (rs.getObject(2) == null ? "not created yet" : "version " + rs.getInt(2));
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return "PostgreSQL at " + endpoint + ", sync schema not created yet";
            }
            throw PgErrors.from(e, "test the connection", endpoint);
        } finally {
            closeQuietly(c);
        }
    }

    static Connection open(RemoteEndpoint endpoint, int socketTimeoutSeconds) {
        Properties p = new Properties();
        if (endpoint.user() != null) {
            p.setProperty("user", endpoint.user());
        }
        if (endpoint.password() != null) {
            p.setProperty("password", endpoint.password());
        }
        p.setProperty("connectTimeout", "5");
        p.setProperty("loginTimeout", "10");
        p.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "SessionDesk");
        try {
            return DriverManager.getConnection(endpoint.jdbcUrl(), p);
        } catch (SQLException e) {
            throw PgErrors.from(e, "connect", endpoint);
        }
    }

    /** Why this device may only read from the server (its schema is newer), or null. */
    public String readOnlyReason() {
        return status.readOnlyReason();
    }

    public int serverSchemaVersion() {
        return status.version();
    }

    public RemoteEndpoint endpoint() {
        return endpoint;
    }

    /** Inserts or merges a session row: per field the later clock wins, a user title beats an automatic one. */
    public void pushSession(SyncedSession s) {
        inTransaction("push session " + s.id(), () -> {
            SessionRows.upsert(c, s);
            notifyChange(s.deviceId());
            return null;
        });
    }

    /** The outcome of pushing a run of messages of one session. */
    public record Pushed(int accepted, int serverHead, Integer conflictAt, boolean sessionMissing) {
    }

    /**
     * Pushes consecutive messages of one session. Messages the server already holds with the same
     * hash count as accepted (a repeated push after a kill changes nothing); at the first seq where
     * the server holds a different message, or whose previous hash is not the server's hash at
     * seq − 1, nothing more is sent and {@code conflictAt} names that seq.
     */
    public Pushed pushMessages(String sessionId, List<SyncedMessage> batch) {
        return inTransaction("push " + batch.size() + " messages of session " + sessionId, false, () -> {
            int head;
            String headHash;
            // The server-wide lock and the session's row in one round trip: every push holds the lock until it
            // commits, so each round trip inside it is paid by every device waiting to push.
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?);"
                    + " SELECT head_seq, head_hash FROM sessiondesk.sessions WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, PUSH_LOCK);
                ps.setString(2, sessionId);
                ps.execute();
                if (!ps.getMoreResults()) {
                    throw new SQLException("the server did not answer the session head query");
                }
                try (ResultSet rs = ps.getResultSet()) {
                    if (!rs.next()) {
                        return new Pushed(0, 0, null, true);
                    }
                    head = rs.getInt(1);
                    headHash = rs.getString(2);
                }
            }
            List<SyncedMessage> fresh = new ArrayList<>();
            int known = 0;
            for (SyncedMessage m : batch) {
                if (m.seq() <= head) {
                    String there = MessageRows.hashAt(c, sessionId, m.seq());
                    if (!m.hash().equals(there)) {
                        return new Pushed(known, head, m.seq(), false);
                    }
                    known++;
                } else {
                    fresh.add(m);
                }
            }
            if (fresh.isEmpty()) {
                return new Pushed(known, head, null, false);
            }
            SyncedMessage first = fresh.get(0);
            if (first.seq() != head + 1 || !first.prevHash().equals(headHash)) {
                return new Pushed(known, head, first.seq(), false);
            }
            SyncedMessage last = fresh.get(fresh.size() - 1);
            // The rows, the session's new head and the notification: one round trip (a failing row fails it all).
            try (PreparedStatement ps = c.prepareStatement(MessageRows.INSERT + ";"
                    + " UPDATE sessiondesk.sessions SET head_seq = ?, head_hash = ?,"
                    + " last_activity = greatest(last_activity, ?), change_no = nextval('sessiondesk.session_changes'),"
                    + " updated_at = now() WHERE id = ?; SELECT pg_notify(?, ?)")) {
                int i = MessageRows.bindInsert(c, ps, fresh);
                ps.setInt(++i, last.seq());
                ps.setString(++i, last.hash());
                ps.setLong(++i, System.currentTimeMillis());
                ps.setString(++i, sessionId);
                ps.setString(++i, CHANNEL);
                ps.setString(++i, first.deviceId() == null ? "" : first.deviceId());
                ps.execute();
            }
            return new Pushed(known + fresh.size(), last.seq(), null, false);
        });
    }

    public List<SyncedSession> pullSessions(long afterChange, int limit) {
        return read("pull sessions", () -> SessionRows.after(c, afterChange, limit));
    }

    public List<SyncedMessage> pullMessages(long afterChange, int limit) {
        return read("pull messages", () -> MessageRows.after(c, afterChange, limit));
    }

    /** How many messages the server holds in all (for a first sync's progress bar). */
    public long messagesAfter(long afterChange) {
        return read("count messages to pull", () -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM sessiondesk.messages WHERE change_no > ?")) {
                ps.setLong(1, afterChange);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Opens the dedicated LISTEN connection for live sync. */
    public RemoteListener listen() {
        return RemoteListener.connect(endpoint);
    }

    private void notifyChange(String deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, CHANNEL);
            ps.setString(2, deviceId == null ? "" : deviceId);
            ps.execute();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(String doing, Work<T> work) {
        return inTransaction(doing, doing.startsWith("push"), work);
    }

    /**
     * A read of one statement, without a transaction around it (no BEGIN and COMMIT: one round trip,
     * and live sync pulls many times a second on every device).
     */
    private <T> T read(String doing, Work<T> work) {
        try {
            c.setAutoCommit(true);
            return work.run();
        } catch (SQLException e) {
            throw PgErrors.from(e, doing, endpoint);
        }
    }

    private <T> T inTransaction(String doing, boolean pushLock, Work<T> work) {
        try {
            c.setAutoCommit(false);
            try {
                if (pushLock) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                        ps.setLong(1, PUSH_LOCK);
                        ps.execute();
                    }
                }
                T result = work.run();
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; the server rolls the transaction back itself
                }
                throw e;
            }
        } catch (SQLException e) {
            throw PgErrors.from(e, doing, endpoint);
        }
    }

    @Override
    public void close() {
        closeQuietly(c);
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a dead connection: nothing left to release
        }
    }
}
