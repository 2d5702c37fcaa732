package dev.sessiondesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * The heartbeat of the app that has the store open, so other readers (the CLI, a phone app's
 * server) can tell sessions open in a live app from a stale flag left by a crash.
 */
public final class AppInstanceStore {
    private final Store store;

    public record Heartbeat(long pid, String host, String appVersion, long startedAt, long heartbeatAt) {
        public boolean isFresh(long now, long maxAgeMs) {
            return now - heartbeatAt <= maxAgeMs;
        }
    }

    AppInstanceStore(Store store) {
        this.store = store;
    }

    public void beat(long pid, String host, String appVersion, long startedAt) {
        store.writer().write("write the app heartbeat", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_instance(id, pid, host, app_version, started_at,"
                    + " heartbeat_at) VALUES (1,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET pid = excluded.pid,"
                    + " host = excluded.host, app_version = excluded.app_version, started_at = excluded.started_at,"
                    + " heartbeat_at = excluded.heartbeat_at")) {
                ps.setLong(1, pid);
                ps.setString(2, host);
                ps.setString(3, appVersion);
                ps.setLong(4, startedAt);
                ps.setLong(5, System.currentTimeMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Clears the heartbeat on a clean exit. */
    public void clear(long pid) {
        store.writer().write("clear the app heartbeat", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM app_instance WHERE pid = ?")) {
                ps.setLong(1, pid);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Heartbeat> current() {
        return store.reader().read("read the app heartbeat", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pid, host, app_version, started_at, heartbeat_at FROM app_instance WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Heartbeat(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getLong(5))) : Optional.<Heartbeat>empty();
            }
        });
    }
}
