package dev.sessiondesk.app.windows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What another program can do to {@code sessions.db} with plain SQL, for tests of the GUI (which
 * itself never touches JDBC): rewrite a conversation, hold the write lock, count open windows.
 */
public final class BehindTheAppsBack {
    private BehindTheAppsBack() {
    }

    private static Connection connect(Path dataDir) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("sessions.db"));
    }

    /** Replaces the content of every message of a session; returns how many rows changed. */
    public static int rewriteMessages(Path dataDir, String sessionId, String contentJson) throws SQLException {
        try (Connection c = connect(dataDir);
             PreparedStatement ps = c.prepareStatement("UPDATE messages SET content_json = ? WHERE session_id = ?")) {
            ps.setString(1, contentJson);
            ps.setString(2, sessionId);
            return ps.executeUpdate();
        }
    }

    public static int openWindows(Path dataDir) {
        try (Connection c = connect(dataDir);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM windows WHERE open = 1")) {
            return rs.next() ? rs.getInt(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Holds the store's write lock until closed, as another program in the middle of a write would. */
    public static AutoCloseable holdWriteLock(Path dataDir) throws SQLException {
        Connection c = connect(dataDir);
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN EXCLUSIVE");
        }
        return () -> {
            try (Statement st = c.createStatement()) {
                st.execute("ROLLBACK");
            } finally {
                c.close();
            }
        };
    }
}
