package dev.sessiondesk.store.remote;

/** A sync server problem, with a message that names the server and says what to do. */
public final class RemoteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No answer: the server is down, the network is cut, or the connection dropped mid-sync. */
        UNREACHABLE,
        /** The server answered but refused the login (role, password, pg_hba, TLS). */
        LOGIN_REFUSED,
        /** The server's sync schema was written by a newer SessionDesk: sync stays read-only. */
        SCHEMA_NEWER,
        /** The server refused a write (a chain check, a constraint). */
        REFUSED,
        /** Anything else the server said. */
        SERVER
    }

    private final Kind kind;

    public RemoteException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** True when retrying later may work without the user changing anything. */
    public boolean transientFailure() {
        return kind == Kind.UNREACHABLE;
    }
}
