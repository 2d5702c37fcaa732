package dev.sessiondesk.store.remote;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The dedicated LISTEN connection of live sync. {@link #await} blocks up to a timeout for the next
 * change notification (pgjdbc's {@code getNotifications(timeout)}), so live sync needs no polling
 * loop on the server; it returns how many notifications arrived from other devices.
 */
public final class RemoteListener implements AutoCloseable {
    private final RemoteEndpoint endpoint;
    private final Connection c;
    private final PGConnection pg;

    private RemoteListener(RemoteEndpoint endpoint, Connection c) throws SQLException {
        this.endpoint = endpoint;
        this.c = c;
        this.pg = c.unwrap(PGConnection.class);
    }

    /** Opens a connection of its own and LISTENs on the change channel. */
    public static RemoteListener connect(RemoteEndpoint endpoint) {
        Connection c = RemoteServer.open(endpoint, 0);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + RemoteServer.CHANNEL);
            }
            return new RemoteListener(endpoint, c);
        } catch (SQLException e) {
            RemoteServer.closeQuietly(c);
            throw PgErrors.from(e, "listen for changes", endpoint);
        }
    }

    /** Waits up to {@code timeoutMillis}; returns the number of notifications not sent by {@code ownDeviceId}. */
    public int await(int timeoutMillis, String ownDeviceId) {
        try {
            PGNotification[] got = pg.getNotifications(timeoutMillis);
            if (got == null) {
                if (c.isClosed()) {
                    throw new RemoteException(RemoteException.Kind.UNREACHABLE,
                            "the live sync connection to " + endpoint + " closed", null);
                }
                return 0;
            }
            int others = 0;
            for (PGNotification n : got) {
                if (!n.getParameter().equals(ownDeviceId)) {
                    others++;
                }
            }
            return others;
        } catch (SQLException e) {
            throw PgErrors.from(e, "wait for changes", endpoint);
        }
    }

    @Override
    public void close() {
        RemoteServer.closeQuietly(c);
    }
}
