package dev.sessiondesk.sync;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's real PostgreSQL for sync tests: a database of its own per test ({@code sync_<random>}),
 * dropped at the end. Without a server the test is skipped with a one-line hint — except under
 * {@code CI=true}, where a missing server fails the run.
 */
public final class PgTestServer implements AutoCloseable {
    static final String HOST = System.getenv().getOrDefault("SESSIONDESK_TEST_PGHOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("SESSIONDESK_TEST_PGPORT", "5432"));
    static final String USER = System.getenv().getOrDefault("SESSIONDESK_TEST_PGUSER", System.getProperty("user.name"));

    private final String database;

    private PgTestServer(String database) {
        this.database = database;
    }

    /** Creates a fresh database, or skips (fails under CI) when no server answers. */
    public static PgTestServer create() {
        String db = "sync_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            String hint = "no PostgreSQL at " + HOST + ":" + PORT + " (" + e.getMessage().lines().findFirst().orElse("")
                    + "); start one with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true and " + hint);
            }
            Assumptions.abort(hint);
        }
        return new PgTestServer(db);
    }

    static Connection admin() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("connectTimeout", "3");
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", p);
    }

    public String database() {
        return database;
    }

    /** The libpq URI a user would put in SESSIONDESK_SYNC_URL. */
    public String url() {
        return url(HOST, PORT);
    }

    public String url(String host, int port) {
        return "postgresql://" + USER + "@" + host + ":" + port + "/" + database;
    }

    /** A direct connection for checking the server's rows. */
    public Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, p);
    }

    public int port() {
        return PORT;
    }

    @Override
    public void close() {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test database " + database + ": " + e.getMessage(), e);
        }
    }
}
