package dev.sessiondesk.store;

import dev.sessiondesk.model.NewMessage;
import dev.sessiondesk.model.Role;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Helpers for tests that work on real SQLite files. */
public final class StoreFixture {
    private StoreFixture() {
    }

    public static NewMessage text(Role role, String text) {
        return NewMessage.text(role, text);
    }

    /** A plain connection that bypasses the store, like a user with the sqlite3 shell. */
    public static Connection raw(Path dataDir) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Store.FILE_NAME));
    }

    public static void sql(Path dataDir, String... statements) throws SQLException {
        try (Connection c = raw(dataDir); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
