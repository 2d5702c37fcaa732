package dev.sessiondesk.store.remote;

import java.util.Objects;

/**
 * Where the sync server is: a JDBC URL (sslmode and the other libpq parameters are carried in it),
 * the login role and its password. {@link #toString()} never shows the password, so an endpoint can
 * go into a log line or an error message.
 */
public record RemoteEndpoint(String jdbcUrl, String user, String password, String display) {
    public RemoteEndpoint {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        display = display == null ? jdbcUrl : display;
    }

    @Override
    public String toString() {
        return display + (user == null ? "" : " as " + user);
    }
}
