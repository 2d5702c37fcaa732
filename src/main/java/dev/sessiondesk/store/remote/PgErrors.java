package dev.sessiondesk.store.remote;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Turns pgjdbc's exceptions into a {@link RemoteException} of the right kind with a plain message. */
final class PgErrors {
    private PgErrors() {
    }

    static RemoteException from(SQLException e, String doing, RemoteEndpoint where) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = firstLine(e.getMessage());
        if (state.startsWith("28") || detail.contains("password authentication failed")
                || detail.contains("no pg_hba.conf entry") || detail.contains("requires a password")) {
            return new RemoteException(RemoteException.Kind.LOGIN_REFUSED,
                    "the sync server " + where + " refused the login: " + detail, e);
        }
        if (state.startsWith("08") || state.startsWith("57P") || hasNetworkCause(e)) {
            return new RemoteException(RemoteException.Kind.UNREACHABLE,
                    "cannot reach the sync server " + where + " to " + doing + ": " + detail, e);
        }
        if (state.equals("3D000")) {
            return new RemoteException(RemoteException.Kind.LOGIN_REFUSED,
                    "the sync server " + where + " has no such database: " + detail, e);
        }
        if (state.equals("SD001") || state.equals("23514") || state.equals("23505")) {
            return new RemoteException(RemoteException.Kind.REFUSED,
                    "the sync server " + where + " refused to " + doing + ": " + detail, e);
        }
        return new RemoteException(RemoteException.Kind.SERVER,
                "the sync server " + where + " failed to " + doing + ": " + detail + " (SQL state " + state + ")", e);
    }

    private static boolean hasNetworkCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof SocketException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException || t instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
